namespace Pangy.Core.Tests.Formats.Fuzzing;

/// <summary>What a fuzz run of one reader saw: accepted inputs, clean errors, and findings (anything else).</summary>
internal sealed record FuzzReport(string Reader, int Seed, long Cases, long Accepted, long CleanErrors, long MaxAllocatedBytes,
    IReadOnlyList<string> Findings, TimeSpan Elapsed)
{
    public string Summary => $"{Reader}: {Cases} cases (seed {Seed}) in {Elapsed.TotalSeconds:0.0} s: {Accepted} accepted, " +
        $"{CleanErrors} clean errors, {Findings.Count} findings, max {MaxAllocatedBytes / 1048576.0:0.0} MB allocated by one case";
}
