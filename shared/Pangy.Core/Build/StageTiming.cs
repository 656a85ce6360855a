namespace Pangy.Core.Build;

/// <summary>
/// When a step of a stage ended, counted from the stage's start, and the process's peak resident memory by then
/// (what the reference writes to timings.tsv).
/// </summary>
public readonly record struct StageTiming(string Step, TimeSpan EndedAt, long PeakBytes)
{
    public StageTiming(string step, TimeSpan endedAt) : this(step, endedAt, Stages.PeakMemory.Bytes()) { }
}
