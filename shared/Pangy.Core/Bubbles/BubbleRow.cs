namespace Pangy.Core.Bubbles;

/// <summary>
/// One row of <c>bubbles.db</c> (§3.3), with segment ids already resolved. Reused from row to row: the list members
/// are buffers that <see cref="BubbleRowBuilder"/> refills.
/// </summary>
internal sealed class BubbleRow
{
    public int Id;
    public int Chain;
    public int ChainStep;
    public BubbleKind Kind;
    /// <summary>Parent id, 0 for none (NULL).</summary>
    public int Parent;
    public readonly List<int> Children = [];
    /// <summary>Sibling ids, 0 for none (null).</summary>
    public int PrevSibling, NextSibling;
    /// <summary>[node's segment id, *segment ids compacted into it (ascending)].</summary>
    public readonly List<int> Source = [];
    public readonly List<int> Sink = [];
    /// <summary>Exclusive interior: segment ids ascending, without anything a descendant bubble claims.</summary>
    public readonly List<int> Inside = [];
    /// <summary>Inclusive step ranges [a, b] of the full interior, and of the interior plus source and sink.</summary>
    public readonly List<(int Start, int End)> RangeExclusive = [];
    public readonly List<(int Start, int End)> RangeInclusive = [];
    public long Length, GcCount, NCount;
    public double X1, X2, Y1, Y2;
    /// <summary>Attaching link indices (input link order) at the source and at the sink.</summary>
    public readonly List<int> SourceLinks = [];
    public readonly List<int> SinkLinks = [];

    /// <summary>The subtype text bubbles.db stores.</summary>
    public static string SubtypeName(BubbleKind kind) => kind switch
    {
        BubbleKind.Simple => "simple",
        BubbleKind.Insertion => "insertion",
        _ => "super",
    };
}
