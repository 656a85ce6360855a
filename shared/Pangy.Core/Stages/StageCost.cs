namespace Pangy.Core.Stages;

/// <summary>How long a stage took and the most memory the process held while it ran.</summary>
public readonly record struct StageCost(TimeSpan Elapsed, long PeakMemoryBytes);
