namespace Pangy.Core.Query;

/// <summary>
/// A set of segment ids for membership tests in hot loops: a bitmap over [min, max], plus the sorted ids for
/// "does any member lie in [a, b]" tests against path block bounds.
/// </summary>
public sealed class SegmentSet
{
    private readonly ulong[] _bits;
    private readonly int[] _sorted;

    public SegmentSet(IEnumerable<int> ids)
    {
        _sorted = ids.Distinct().Order().ToArray();
        Min = _sorted.Length > 0 ? _sorted[0] : 0;
        Max = _sorted.Length > 0 ? _sorted[^1] : -1;
        _bits = new ulong[_sorted.Length > 0 ? ((long)Max - Min) / 64 + 1 : 0];
        foreach (int s in _sorted) { long o = (long)s - Min; _bits[o >> 6] |= 1UL << (int)(o & 63); }
    }

    public int Count => _sorted.Length;
    public int Min { get; }
    public int Max { get; }

    public bool Contains(long id)
    {
        long o = id - Min;
        if (o < 0 || id > Max) return false;
        return (_bits[o >> 6] & (1UL << (int)(o & 63))) != 0;
    }

    /// <summary>True when some member lies in [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    public bool Intersects(long lo, long hi)
    {
        if (hi < Min || lo > Max) return false;
        int i = Array.BinarySearch(_sorted, (int)Math.Clamp(lo, int.MinValue, int.MaxValue));
        if (i >= 0) return true;
        i = ~i;
        return i < _sorted.Length && _sorted[i] <= hi;
    }
}
