using System.CommandLine;
using Pangy.Core.Build;

namespace Pangy.Cli.Commands;

/// <summary>Per-step durations on stderr, like the reference's timings.tsv but not written into the datastore.</summary>
internal static class TimingReport
{
    public static void Print(IEnumerable<StageTiming> timings)
    {
        var previous = TimeSpan.Zero;
        foreach (var t in timings)
        {
            Console.Error.WriteLine($"  {(t.EndedAt - previous).TotalSeconds,7:0.00} s  peak {t.PeakBytes / 1048576.0,6:0} MB  {t.Step}");
            previous = t.EndedAt;
        }
    }
}
