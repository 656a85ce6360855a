namespace Pangy.Core.Formats.PathBlocks;

/// <summary>Each segment's reference bp span: the smallest start and largest end over its reference steps (§5.4).</summary>
public sealed class ReferenceSpans
{
    private readonly uint[] _start, _end;

    private ReferenceSpans(uint[] start, uint[] end) { _start = start; _end = end; }

    /// <summary>Builds the spans from the reference walk.</summary>
    public static ReferenceSpans Build(ReadOnlySpan<uint> stepSegments, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> ends)
    {
        uint max = 0;
        foreach (uint s in stepSegments) if (s > max) max = s;
        var start = new uint[max + 1];
        var end = new uint[max + 1];
        start.AsSpan().Fill(uint.MaxValue);
        for (int i = 0; i < stepSegments.Length; i++)
        {
            uint seg = stepSegments[i];
            if (starts[i] < start[seg]) start[seg] = starts[i];
            if (ends[i] > end[seg]) end[seg] = ends[i];
        }
        return new ReferenceSpans(start, end);
    }

    public bool TryGet(uint segment, out uint start, out uint end)
    {
        if (segment < _start.Length && _start[segment] != uint.MaxValue)
        {
            start = _start[segment];
            end = _end[segment];
            return true;
        }
        start = end = 0;
        return false;
    }
}
