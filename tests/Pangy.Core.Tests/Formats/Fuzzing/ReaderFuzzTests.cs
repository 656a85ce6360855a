using Xunit.Abstractions;

namespace Pangy.Core.Tests.Formats.Fuzzing;

/// <summary>
/// Mutation fuzzing of every reader (<see cref="ReaderTargets"/>): each case must be accepted or end in a
/// <see cref="Pangy.Core.Formats.BadInputException"/> naming the file and the reason — no other exception, no hang, no
/// unbounded allocation. The suite runs a CI-sized batch per reader; <c>tests/fuzz.sh</c> runs long batches through the
/// same test with PANGY_FUZZ_CASES, PANGY_FUZZ_SEED, PANGY_FUZZ_READERS (a comma list; default all), PANGY_FUZZ_REPORT (a file the summaries are appended to) and
/// PANGY_FUZZ_SAVE (a folder for the inputs of findings).
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    private const long CiCases = 2000;

    public static TheoryData<string> Readers => [.. ReaderTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Readers))]
    public void Every_mutated_input_is_read_or_rejected_cleanly(string reader)
    {
        var target = ReaderTargets.All.Single(t => t.Name == reader);
        if (Environment.GetEnvironmentVariable("PANGY_FUZZ_READERS") is { Length: > 0 } only && !only.Split(',').Contains(reader)) return;
        long cases = long.TryParse(Environment.GetEnvironmentVariable("PANGY_FUZZ_CASES"), out long n) ? n : CiCases;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("PANGY_FUZZ_SEED"), out int s) ? s : 12;
        var report = FuzzRunner.Run(target, cases, seed, TimeSpan.FromSeconds(20), Environment.GetEnvironmentVariable("PANGY_FUZZ_SAVE"));
        output.WriteLine(report.Summary);
        if (Environment.GetEnvironmentVariable("PANGY_FUZZ_REPORT") is { Length: > 0 } file)
            File.AppendAllLines(file, [report.Summary, .. report.Findings.Select(f => "  " + f)]);
        Assert.True(report.Findings.Count == 0, $"{report.Summary}\n{string.Join('\n', report.Findings.Take(20))}");
    }
}
