using System.IO.Compression;

namespace Pangy.Core.Tests.Formats.Layout;

/// <summary>Paths of the layout fixtures and small stream helpers for the layout tests.</summary>
internal static class LayoutTestFiles
{
    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string MiniTsv => Data("mini", "mini.odgi.tsv");
    public static string MiniBandage => Data("mini", "mini.bandage.json");
    public static string Drb1Tsv => Data("drb1", "DRB1-3123.lay.tsv");
    public static string RealLay => Data("layout", "odgi_real.lay");
    public static string RealLayTsv => Data("layout", "odgi_real.lay.tsv");
    public static string RealBandage => Data("layout", "bandage_real.layout");

    public static MemoryStream Bytes(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    public static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }
}

/// <summary>
/// A forward-only stream that hands out its data a few bytes per read (sizes cycling through a fixed pattern), so that
/// every boundary case of a buffered reader — a CRLF split in two, a number cut in half — is met.
/// </summary>
internal sealed class TrickleStream(byte[] data, params int[] chunkSizes) : Stream
{
    private readonly int[] _sizes = chunkSizes.Length == 0 ? [1, 2, 3, 5, 7, 11, 13] : chunkSizes;
    private int _pos, _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, _sizes[_read++ % _sizes.Length]), data.Length - _pos);
        data.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        return n;
    }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
