namespace Pangy.Core.Skeleton;

/// <summary>What the skeleton stage produced: grid levels, junctions and runs of the skeleton, spine points, chains
/// in the polychain index, and its time.</summary>
public sealed record SkeletonStageResult(int Levels, int Junctions, int Runs, int SpinePoints, int PolychainChains, TimeSpan Elapsed);
