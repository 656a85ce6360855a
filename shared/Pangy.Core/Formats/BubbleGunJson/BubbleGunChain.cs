namespace Pangy.Core.Formats.BubbleGunJson;

/// <summary>
/// One chain of a BubbleGun JSON: its id, its two end nodes, its bubbles (a range of
/// <see cref="BubbleGunDocument.Bubbles"/>, in the file's order, which is the chain walk) and the chain-level parent
/// fields, which upstream writes only when they are non-zero (0 here when absent). <see cref="Line"/> is where the
/// chain's object starts in the file.
/// </summary>
public readonly record struct BubbleGunChain(
    string Key, long ChainId, long EndA, long EndB, int FirstBubble, int BubbleCount, long ParentSb, long ParentChain, long Line);
