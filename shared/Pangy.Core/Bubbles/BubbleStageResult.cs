namespace Pangy.Core.Bubbles;

/// <summary>What the bubble stage did: written bubbles by subtype, kept chains, absorbed segments, and its time.</summary>
public sealed record BubbleStageResult(int Bubbles, int Simple, int Super, int Insertion, int Chains, int CompactedSegments, TimeSpan Elapsed);
