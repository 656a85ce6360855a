namespace Pangy.Core.Formats.BubbleGunJson;

/// <summary>A bubble's <c>type</c> in BubbleGun's JSON.</summary>
public enum BubbleGunBubbleType : byte
{
    Simple,
    Super,
    Insertion,
}

/// <summary>
/// One chain of a BubbleGun JSON: its id, its two end nodes, its bubbles (a range of
/// <see cref="BubbleGunDocument.Bubbles"/>, in the file's order, which is the chain walk) and the chain-level parent
/// fields, which upstream writes only when they are non-zero (0 here when absent). <see cref="Line"/> is where the
/// chain's object starts in the file.
/// </summary>
public readonly record struct BubbleGunChain(
    string Key, long ChainId, long EndA, long EndB, int FirstBubble, int BubbleCount, long ParentSb, long ParentChain, long Line);

/// <summary>
/// One bubble of a BubbleGun JSON: type, id, the two ends as listed (source, sink) and its full interior (a range of
/// <see cref="BubbleGunDocument.Nodes"/>). Node ids are GFA segment names, which the format writes as strings of
/// digits; they are held as integers. <see cref="Line"/> is where the bubble's object starts.
/// </summary>
public readonly record struct BubbleGunBubble(
    BubbleGunBubbleType Type, long Id, long Source, long Sink, int InsideStart, int InsideCount, long Line);

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
