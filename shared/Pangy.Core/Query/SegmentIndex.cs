using Pangy.Core.Formats.Layout;
using Pangy.Core.Datastore;

namespace Pangy.Core.Query;

/// <summary>
/// <c>segments.mmapindex/</c> (§4.1): per-segment length, GC and N counts, float32 coordinates and validity, indexed by
/// segment id, memory-mapped. Sequences and float64 coordinates come from <c>segments.db</c> on demand.
/// </summary>
public sealed class SegmentIndex : IDisposable
{
    private readonly IndexColumnFile<uint> _length, _gc, _n;
    private readonly IndexColumnFile<float> _x1, _y1, _x2, _y2;
    private readonly IndexColumnFile<byte> _valid;

    public SegmentIndex(string chromosomeDir)
    {
        string dir = SegmentIndexLayout.Index.DirectoryIn(chromosomeDir);
        var meta = IndexFiles.ReadMeta(dir);
        _length = IndexFiles.Open(dir, SegmentIndexLayout.Length);
        _gc = IndexFiles.Open(dir, SegmentIndexLayout.GcCount);
        _n = IndexFiles.Open(dir, SegmentIndexLayout.NCount);
        _x1 = IndexFiles.Open(dir, SegmentIndexLayout.X1);
        _y1 = IndexFiles.Open(dir, SegmentIndexLayout.Y1);
        _x2 = IndexFiles.Open(dir, SegmentIndexLayout.X2);
        _y2 = IndexFiles.Open(dir, SegmentIndexLayout.Y2);
        _valid = IndexFiles.Open(dir, SegmentIndexLayout.Valid);
        Count = IndexFiles.Int(meta, SegmentIndexLayout.CountKey);
        long n = _valid.Length;
        if (_length.Length != n || _x1.Length != n || _y1.Length != n || _x2.Length != n || _y2.Length != n)
            throw new IndexUnusableException($"{dir}: arrays of different lengths; rebuild the chromosome");
    }

    /// <summary>Number of segments.</summary>
    public long Count { get; }

    /// <summary>One past the largest segment id.</summary>
    public long Capacity => _valid.Length;

    public bool IsValid(long id) => (ulong)id < (ulong)_valid.Length && _valid.Span[(int)id] != 0;
    public uint Length(long id) => _length.Span[(int)id];
    public uint GcCount(long id) => _gc.Span[(int)id];
    public uint NCount(long id) => _n.Span[(int)id];
    public float X1(long id) => _x1.Span[(int)id];
    public float Y1(long id) => _y1.Span[(int)id];
    public float X2(long id) => _x2.Span[(int)id];
    public float Y2(long id) => _y2.Span[(int)id];

    /// <summary>
    /// The centroid of a valid segment as the reference's polychain code computes it from the float32 coordinates:
    /// the float32 sum, halved (<see cref="SegmentCoords.Centroid"/>, the same value the skeleton stage uses).
    /// </summary>
    public (double X, double Y) Centroid(long id) =>
        (SegmentCoords.Centroid(_x1.Span[(int)id], _x2.Span[(int)id]), SegmentCoords.Centroid(_y1.Span[(int)id], _y2.Span[(int)id]));

    public ReadOnlySpan<float> X1s => _x1.Span;
    public ReadOnlySpan<float> X2s => _x2.Span;

    public void Dispose()
    {
        _length.Dispose(); _gc.Dispose(); _n.Dispose();
        _x1.Dispose(); _y1.Dispose(); _x2.Dispose(); _y2.Dispose(); _valid.Dispose();
    }
}
