namespace Pangy.Core.Query;

/// <summary>One row of <c>bubbles.db</c> (§3.3), parsed. Immutable and shared between requests.</summary>
public sealed class BubbleRecord
{
    public required int Id { get; init; }
    public required int Chain { get; init; }
    public required int ChainStep { get; init; }
    public required string Subtype { get; init; }
    /// <summary>The parent bubble, 0 for none.</summary>
    public required int Parent { get; init; }
    public required int[] Children { get; init; }
    /// <summary>Previous and next sibling in the chain, 0 for none.</summary>
    public required int PrevSibling { get; init; }
    public required int NextSibling { get; init; }
    public required int[] Source { get; init; }
    public required int[] Sink { get; init; }
    /// <summary>Interior segments not claimed by a descendant, ascending.</summary>
    public required int[] Inside { get; init; }
    /// <summary>Inclusive reference step ranges, flattened as start, end, start, end, …</summary>
    public required int[] RangeExclusive { get; init; }
    public required int[] RangeInclusive { get; init; }
    public required long Length { get; init; }
    public required long GcCount { get; init; }
    public required long NCount { get; init; }
    public required double X1 { get; init; }
    public required double X2 { get; init; }
    public required double Y1 { get; init; }
    public required double Y2 { get; init; }

    private byte[]? _json;

    /// <summary>The bubble's JSON as responses carry it (§8.1), made on first use and kept.</summary>
    public byte[] Json => _json ??= GraphJson.BubbleJson(this);

    /// <summary>True when the bubble touches the reference (it has an inclusive range).</summary>
    public bool IsRef => RangeInclusive.Length > 0;

    /// <summary>
    /// True when one of the exclusive ranges lies in [start, end], or else when one of the inclusive ones does — the
    /// reference's <c>Bubble.is_contained</c> (§8.3).
    /// </summary>
    public bool IsContained(long start, long end) => AnyWithin(RangeExclusive, start, end) || AnyWithin(RangeInclusive, start, end);

    private static bool AnyWithin(int[] ranges, long start, long end)
    {
        for (int i = 0; i + 1 < ranges.Length; i += 2)
            if (ranges[i] >= start && ranges[i + 1] <= end) return true;
        return false;
    }

    /// <summary>
    /// What the parsed row and its JSON take on the heap, estimated for the cache budget: the object and six arrays
    /// (about 180 bytes), each listed id once in an array and once as JSON text (about 12 bytes), and the JSON's fixed
    /// part (about 240 bytes). A heap dump of the chr22-sized soak (372,014 rows, 150 MB) gives 400 bytes a row.
    /// </summary>
    public long EstimatedBytes => 420 + 12L * (Children.Length + Source.Length + Sink.Length + Inside.Length + RangeExclusive.Length + RangeInclusive.Length);

    /// <summary>Number of segments the bubble itself lists (inside plus both ends), the /select guard's unit.</summary>
    public int OwnSegmentCount => Inside.Length + Source.Length + Sink.Length;
}
