using System.Buffers;

namespace Pangy.Core.Formats.Compression;

/// <summary>A complete zlib stream as byte runs to send in order; dispose to return its pooled buffers.</summary>
public sealed class ZlibAnswer : IDisposable
{
    private readonly List<byte[]> _rented;

    internal ZlibAnswer(List<ArraySegment<byte>> parts, List<byte[]> rented, long length, uint adler)
    {
        Parts = parts;
        _rented = rented;
        Length = length;
        Adler = adler;
    }

    /// <summary>The stream's bytes, in order.</summary>
    public IReadOnlyList<ArraySegment<byte>> Parts { get; }

    /// <summary>Total bytes.</summary>
    public long Length { get; }

    /// <summary>Adler-32 of the uncompressed document.</summary>
    public uint Adler { get; }

    /// <summary>The whole stream in one array (tests, small answers).</summary>
    public byte[] ToArray()
    {
        var result = new byte[Length];
        int at = 0;
        foreach (var p in Parts) { p.AsSpan().CopyTo(result.AsSpan(at)); at += p.Count; }
        return result;
    }

    public void Dispose()
    {
        foreach (var a in _rented) ArrayPool<byte>.Shared.Return(a);
        _rented.Clear();
    }
}
