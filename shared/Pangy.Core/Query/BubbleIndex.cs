using Pangy.Core.Datastore;

namespace Pangy.Core.Query;

/// <summary>
/// <c>bubbles.mmapindex/</c> (§4.1): parent and owner maps, and the top-level bubbles' inclusive step ranges sorted by
/// (start, end, id), memory-mapped.
/// </summary>
public sealed class BubbleIndex : IDisposable
{
    private readonly IndexColumnFile<uint> _parent, _owner, _startSteps, _endSteps, _ids;

    public BubbleIndex(string chromosomeDir)
    {
        string dir = BubbleIndexLayout.Index.DirectoryIn(chromosomeDir);
        IndexFiles.ReadMeta(dir);
        _parent = IndexFiles.Open(dir, BubbleIndexLayout.BubbleToParent);
        _owner = IndexFiles.Open(dir, BubbleIndexLayout.SegmentToBubble);
        _startSteps = IndexFiles.Open(dir, BubbleIndexLayout.StartSteps);
        _endSteps = IndexFiles.Open(dir, BubbleIndexLayout.EndSteps);
        _ids = IndexFiles.Open(dir, BubbleIndexLayout.Ids);
        if (_endSteps.Length != _startSteps.Length || _ids.Length != _startSteps.Length)
            throw new IndexUnusableException($"{dir}: arrays of different lengths; rebuild the chromosome");
    }

    /// <summary>One past the largest bubble id.</summary>
    public long BubbleCapacity => _parent.Length;

    /// <summary>The parent of <paramref name="bubble"/>, 0 for none.</summary>
    public uint ParentOf(long bubble) => (ulong)bubble < (ulong)_parent.Length ? _parent.Span[(int)bubble] : 0;

    /// <summary>
    /// The bubble that owns <paramref name="segment"/>: the bubble whose <c>inside</c> holds it, or the parent of the
    /// bubble it bounds; 0 for none (boundaries of top-level bubbles included).
    /// </summary>
    public uint OwnerOf(long segment) => (ulong)segment < (ulong)_owner.Length ? _owner.Span[(int)segment] : 0;

    /// <summary>The outermost ancestor of <paramref name="bubble"/> (itself when it has no parent).</summary>
    public uint RootOf(uint bubble)
    {
        var parents = _parent.Span;
        for (int guard = 0; guard < 1_000_000; guard++)
        {
            uint p = bubble < parents.Length ? parents[(int)bubble] : 0;
            if (p == 0) return bubble;
            bubble = p;
        }
        throw new IndexUnusableException($"{BubbleIndexLayout.Index.DirectoryName}: a cycle in bubble_to_parent; rebuild the chromosome");
    }

    public ReadOnlySpan<uint> RangeStarts => _startSteps.Span;
    public ReadOnlySpan<uint> RangeEnds => _endSteps.Span;
    public ReadOnlySpan<uint> RangeIds => _ids.Span;

    /// <summary>
    /// The index entries scanned for the step range [<paramref name="minStep"/>, <paramref name="maxStep"/>]: from the first
    /// entry whose end is ≥ minStep (a binary search that, like the reference's, treats end_steps as sorted, §12.26) up to
    /// the first whose start is > maxStep.
    /// </summary>
    public (int From, int To) EntriesFor(long minStep, long maxStep)
    {
        var ends = _endSteps.Span;
        var starts = _startSteps.Span;
        int lo = 0, hi = ends.Length;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (ends[mid] < minStep) lo = mid + 1; else hi = mid;
        }
        int from = lo;
        // The scan stops at the first start past maxStep; starts ascend, so that is a second binary search.
        lo = from; hi = starts.Length;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (starts[mid] <= maxStep) lo = mid + 1; else hi = mid;
        }
        return (from, lo);
    }

    public void Dispose()
    {
        _parent.Dispose(); _owner.Dispose(); _startSteps.Dispose(); _endSteps.Dispose(); _ids.Dispose();
    }
}
