using System.Runtime.InteropServices;

namespace Pangy.Core.Query;

/// <summary>Ends (source then sink) and flattened inclusive ranges of some bubbles, by id, in flat arrays.</summary>
public sealed class BubbleEnds
{
    private readonly int[] _row;
    private readonly List<int> _endStart = [0], _ends = [], _rangeStart = [0], _ranges = [];

    internal BubbleEnds(int capacity)
    {
        _row = new int[capacity];
        Array.Fill(_row, -1);
    }

    internal void Add(int id, ReadOnlySpan<byte> source, ReadOnlySpan<byte> sink, ReadOnlySpan<byte> ranges)
    {
        _row[id] = _endStart.Count - 1;
        JsonIntList.AppendTo(source, _ends);
        JsonIntList.AppendTo(sink, _ends);
        _endStart.Add(_ends.Count);
        JsonIntList.AppendTo(ranges, _ranges);
        _rangeStart.Add(_ranges.Count);
    }

    /// <summary>True when bubble <paramref name="id"/> was read.</summary>
    public bool Has(long id) => (ulong)id < (ulong)_row.Length && _row[id] >= 0;

    /// <summary>Source then sink segments of a bubble that was read.</summary>
    public ReadOnlySpan<int> EndsOf(long id)
    {
        int r = _row[id];
        return CollectionsMarshal.AsSpan(_ends)[_endStart[r].._endStart[r + 1]];
    }

    /// <summary>Flattened inclusive ranges (start, end, …) of a bubble that was read.</summary>
    public ReadOnlySpan<int> RangesOf(long id)
    {
        int r = _row[id];
        return CollectionsMarshal.AsSpan(_ranges)[_rangeStart[r].._rangeStart[r + 1]];
    }
}
