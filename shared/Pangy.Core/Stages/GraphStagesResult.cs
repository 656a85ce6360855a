using Pangy.Core.Bubbles;
using Pangy.Core.Build;

namespace Pangy.Core.Stages;

/// <summary>What the graph stages of a chromosome produced, with each stage's cost.</summary>
public sealed record GraphStagesResult(ChromosomeBuildResult Build, StageCost BuildCost, BubbleStageResult Bubbles, StageCost BubblesCost);
