using Pangy.Core.Formats.BinPath;

namespace Pangy.Core.Formats.SkeletonBin;

/// <summary>
/// Encodes one level of <c>skeleton/polylines.bin.gz</c> in the reference's <c>grid-varint</c> layout (§7.3), the one
/// its browser decoder reads. Three streams, concatenated with no separators:
/// <code>
/// per polyline: uvarint(points - 2)
/// per polyline: uvarint(zigzag(chainId - previous chainId))      (previous starts at 0; -1 is allowed)
/// per polyline: svarint(x0), svarint(y0), then svarint(dx), svarint(dy) per further point
/// </code>
/// Coordinates are in grid units (the layout coordinate divided by the level's cell; they are exact multiples, being
/// floor-snapped); <c>svarint(v) = uvarint(zigzag64(v))</c>. A level without polylines is zero bytes.
/// </summary>
public sealed class GridVarintLevelWriter
{
    private readonly ByteBuffer _counts = new(), _chains = new(), _coords = new();
    private long _previousChain;

    /// <summary>Number of polylines added.</summary>
    public int Polylines { get; private set; }

    /// <summary>Number of points over all polylines.</summary>
    public long Points { get; private set; }

    /// <summary>Encoded size in bytes.</summary>
    public long ByteLength => _counts.Length + _chains.Length + _coords.Length;

    /// <summary>Adds a polyline of ≥ 2 points given in grid units.</summary>
    public void Add(ReadOnlySpan<(long X, long Y)> points, int chainId)
    {
        if (points.Length < 2) throw new ArgumentException("a polyline has at least 2 points", nameof(points));
        BeginPolyline(points.Length, chainId);
        long px = 0, py = 0;
        for (int i = 0; i < points.Length; i++)
        {
            AddPoint(points[i].X - px, points[i].Y - py);
            px = points[i].X; py = points[i].Y;
        }
    }

    /// <summary>Starts a polyline of <paramref name="pointCount"/> points; its points follow through <see cref="AddPoint"/>
    /// (the first absolute, then deltas, all in grid units).</summary>
    public void BeginPolyline(int pointCount, int chainId)
    {
        if (pointCount < 2) throw new ArgumentException("a polyline has at least 2 points", nameof(pointCount));
        _counts.UVarint((ulong)(pointCount - 2));
        _chains.UVarint(Varint.ZigZag(chainId - _previousChain));
        _previousChain = chainId;
        Polylines++;
        Points += pointCount;
    }

    /// <summary>Appends one point (absolute for a polyline's first, a delta from the previous otherwise).</summary>
    public void AddPoint(long dx, long dy)
    {
        _coords.UVarint(Varint.ZigZag(dx));
        _coords.UVarint(Varint.ZigZag(dy));
    }

    /// <summary>Writes the level's bytes to <paramref name="stream"/> and returns how many were written.</summary>
    public long WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _counts.WriteTo(stream);
        _chains.WriteTo(stream);
        _coords.WriteTo(stream);
        return ByteLength;
    }

    /// <summary>A growable byte list written in chunks, so a large level never needs one huge array.</summary>
    private sealed class ByteBuffer
    {
        private const int ChunkSize = 1 << 20;
        private readonly List<byte[]> _chunks = [];
        private byte[] _current = new byte[4096];
        private int _used;
        public long Length { get; private set; }

        public void UVarint(ulong v)
        {
            if (_current.Length - _used < Varint.MaxBytes) NextChunk();
            int end = Varint.Write(_current, _used, v);
            Length += end - _used;
            _used = end;
        }

        private void NextChunk()
        {
            if (_current.Length < ChunkSize)
            {
                // Small levels stay in one array that grows.
                Array.Resize(ref _current, Math.Min(ChunkSize, _current.Length * 4));
                return;
            }
            _chunks.Add(_current.AsSpan(0, _used).ToArray());
            _current = new byte[ChunkSize];
            _used = 0;
        }

        public void WriteTo(Stream s)
        {
            foreach (var c in _chunks) s.Write(c);
            s.Write(_current, 0, _used);
        }
    }
}
