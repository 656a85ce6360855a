using System.Runtime.CompilerServices;

namespace Pangy.Core.Formats.BinPath;

/// <summary>
/// A path step packed as the reference packs it: <c>(segment_id &lt;&lt; 1) | dir</c>, with dir 0 for <c>+</c> and 1 for <c>-</c>
/// ("combined" in the reference). Segment ids stay below 2^30 so the browser's 32-bit decoder can read them.
/// </summary>
public static class PathStep
{
    /// <summary>Largest segment id a combined value may carry (the browser decodes with 32-bit ints).</summary>
    public const long MaxSegmentId = (1L << 30) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Combine(long segmentId, bool reverse) => (segmentId << 1) | (reverse ? 1L : 0L);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SegmentId(long combined) => combined >> 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsReverse(long combined) => (combined & 1) != 0;

    /// <summary>The step as GFA writes it, e.g. <c>12+</c>.</summary>
    public static string ToText(long combined) => $"{SegmentId(combined)}{(IsReverse(combined) ? '-' : '+')}";
}
