namespace Pangy.Core.Formats.BubbleGunJson;

/// <summary>
/// The content of a BubbleGun <c>--bubble_json</c> file (§6.6): chains in file order, all their bubbles flattened
/// chain by chain, and all interiors in one array, so that a chromosome's worth costs a few arrays, not an object per
/// node.
/// </summary>
public sealed class BubbleGunDocument
{
    public BubbleGunDocument(IReadOnlyList<BubbleGunChain> chains, IReadOnlyList<BubbleGunBubble> bubbles, long[] nodes)
    {
        Chains = chains; Bubbles = bubbles; Nodes = nodes;
    }

    public IReadOnlyList<BubbleGunChain> Chains { get; }
    public IReadOnlyList<BubbleGunBubble> Bubbles { get; }
    /// <summary>Every bubble's interior node ids, concatenated.</summary>
    public long[] Nodes { get; }

    public ReadOnlySpan<long> InsideOf(in BubbleGunBubble bubble) => Nodes.AsSpan(bubble.InsideStart, bubble.InsideCount);

    /// <summary>The text of a type as the format writes it.</summary>
    public static string TypeName(BubbleGunBubbleType type) => type switch
    {
        BubbleGunBubbleType.Simple => "simple",
        BubbleGunBubbleType.Insertion => "insertion",
        _ => "super",
    };
}
