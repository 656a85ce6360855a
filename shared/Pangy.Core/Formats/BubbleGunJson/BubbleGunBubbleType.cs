namespace Pangy.Core.Formats.BubbleGunJson;

/// <summary>A bubble's <c>type</c> in BubbleGun's JSON.</summary>
public enum BubbleGunBubbleType : byte
{
    Simple,
    Super,
    Insertion,
}
