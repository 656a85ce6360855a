namespace Pangy.Core.Build;

/// <summary>What a chromosome build produced.</summary>
public sealed record ChromosomeBuildResult(
    int Segments,
    int Links,
    int Paths,
    int Samples,
    long Steps,
    int ReferenceSteps,
    string ReferencePath,
    bool Renumbered,
    TimeSpan Elapsed,
    IReadOnlyList<StageTiming> Timings);
