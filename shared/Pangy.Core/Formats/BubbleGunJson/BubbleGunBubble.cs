namespace Pangy.Core.Formats.BubbleGunJson;

/// <summary>
/// One bubble of a BubbleGun JSON: type, id, the two ends as listed (source, sink) and its full interior (a range of
/// <see cref="BubbleGunDocument.Nodes"/>). Node ids are GFA segment names, which the format writes as strings of
/// digits; they are held as integers. <see cref="Line"/> is where the bubble's object starts.
/// </summary>
public readonly record struct BubbleGunBubble(
    BubbleGunBubbleType Type, long Id, long Source, long Sink, int InsideStart, int InsideCount, long Line);
