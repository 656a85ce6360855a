using Pangy.Core.Bubbles;
using Pangy.Core.Build;
using Pangy.Core.Skeleton;
using Pangy.Core.Storage;

namespace Pangy.Core.Stages;

/// <summary>What adding a chromosome did, per stage.</summary>
public sealed record AddChromosomeResult(
    ChromosomeKey Key,
    ChromosomeBuildResult Build,
    StageCost BuildCost,
    BubbleStageResult Bubbles,
    StageCost BubblesCost,
    SkeletonStageResult Skeleton,
    StageCost SkeletonCost,
    TimeSpan Elapsed,
    long PeakMemoryBytes);
