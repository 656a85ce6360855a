using System.IO.Compression;

namespace Pangy.Core.Formats.BinPath;

/// <summary>
/// Streams one path into the reference's headerless <c>.binpath</c> format (§5.1):
/// gzip( uvarint(c0), uvarint(zigzag(c[i] - c[i-1]))... ). Steps are appended one at a time and never held,
/// so a chromosome-long path costs a small buffer. The gzip header has mtime 0, so output is deterministic.
/// </summary>
public sealed class BinPathWriter : IDisposable
{
    /// <summary>
    /// zlib level used unless told otherwise. The reference writes level 4; readers accept any level. Measured on the
    /// chr22-sized graph's 68.7 MB of payload (docs/benchmarks.md, "Datastore size"): level 2 gives 20.2 MB in 0.83 s,
    /// level 3 18.5 MB in 1.10 s, level 4 18.0 MB in 2.16 s: level 3 takes most of the saving for a quarter of level
    /// 4's extra time. (A chromosome build writes its paths at its own level, since <c>pangy add</c> rewrites them.)
    /// </summary>
    public const int DefaultCompressionLevel = 3;

    // An empty gzip member exactly as zlib writes it (mtime 0, XFL 0, OS 3): GZipStream writes nothing at all
    // when given no data, but an empty path must still be a valid file (§5.1).
    private static readonly byte[] EmptyMember = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly Stream _destination;
    private readonly bool _leaveOpen;
    private readonly int _level;
    private Stream? _gzip;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;
    private long _previous;
    private bool _disposed;

    /// <param name="destination">Receives the gzip bytes.</param>
    /// <param name="compressionLevel">zlib level 0–9.</param>
    /// <param name="leaveOpen">Leave <paramref name="destination"/> open on dispose.</param>
    public BinPathWriter(Stream destination, int compressionLevel = DefaultCompressionLevel, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(compressionLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(compressionLevel, 9);
        _destination = destination;
        _leaveOpen = leaveOpen;
        _level = compressionLevel;
    }

    /// <summary>Steps written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one combined step value (see <see cref="PathStep"/>).</summary>
    public void Append(long combined)
    {
        if (_used > _buffer.Length - Varint.MaxBytes) Flush();
        // The first value is written raw, the rest as zigzag deltas.
        ulong v = Count == 0 ? (ulong)combined : Varint.ZigZag(combined - _previous);
        _used = Varint.Write(_buffer, _used, v);
        _previous = combined;
        Count++;
    }

    /// <summary>Appends several combined step values.</summary>
    public void Append(ReadOnlySpan<long> combined)
    {
        foreach (long c in combined) Append(c);
    }

    private void Flush()
    {
        if (_used == 0) return;
        _gzip ??= new GZipStream(_destination, new ZLibCompressionOptions { CompressionLevel = _level }, leaveOpen: true);
        _gzip.Write(_buffer, 0, _used);
        _used = 0;
    }

    /// <summary>Writes what is buffered and closes the gzip member.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Flush();
        if (_gzip is null) _destination.Write(EmptyMember);
        else _gzip.Dispose();
        if (!_leaveOpen) _destination.Dispose();
    }

    /// <summary>Encodes a whole path into a new byte array (tests, region re-encoding).</summary>
    public static byte[] Encode(ReadOnlySpan<long> combined, int compressionLevel = DefaultCompressionLevel)
    {
        var ms = new MemoryStream();
        using (var w = new BinPathWriter(ms, compressionLevel, leaveOpen: true)) w.Append(combined);
        return ms.ToArray();
    }
}
