using Pangy.Core.Formats;

namespace Pangy.Core.Tests.Formats.Fuzzing;

/// <summary>
/// Runs mutated cases through a reader. Allowed outcomes: the reader accepts the input, or throws
/// <see cref="BadInputException"/> naming a file and a reason. Findings: any other exception, a case that runs longer
/// than the timeout (a hang; the run stops there, as the thread cannot be taken back), or a case that allocates more
/// than a bound proportional to its size (unbounded memory).
/// </summary>
internal static class FuzzRunner
{
    private const long AllocationFloor = 64L << 20;
    private const long AllocationPerInputByte = 256;

    public static FuzzReport Run(FuzzTarget target, long cases, int seed, TimeSpan timeout, string? saveFindingsTo = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var findings = new List<string>();
        long accepted = 0, clean = 0, maxAllocated = 0;
        for (long i = 0; i < cases; i++)
        {
            var (seedName, seedBytes) = target.Seeds[(int)(i % target.Seeds.Count)];
            var (bytes, edits) = Mutator.Mutate(seedBytes, seed, i);
            Exception? error = null;
            long allocated = 0;
            var run = Task.Factory.StartNew(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                try { target.Read(bytes, seedName, $"case{i}"); }
                catch (Exception e) { error = e; }
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            string? finding = null;
            if (!run.Wait(timeout)) finding = $"hang (> {timeout.TotalSeconds:0} s)";
            else if (error is BadInputException b)
            {
                if (string.IsNullOrEmpty(b.Reason) || string.IsNullOrEmpty(b.File) || (target.NamesFile && b.File != seedName))
                    finding = $"BadInputException without file or reason: file '{b.File}', reason '{b.Reason}'";
                else clean++;
            }
            else if (error is not null) finding = $"{error.GetType().Name}: {FirstLine(error.Message)} at {FirstFrame(error)}";
            else accepted++;
            if (finding is null && allocated > AllocationFloor + AllocationPerInputByte * bytes.Length)
                finding = $"allocated {allocated / 1048576.0:0} MB for a {bytes.Length}-byte input";
            maxAllocated = Math.Max(maxAllocated, allocated);
            if (finding is null) continue;
            findings.Add($"case {i} (seed {seed}, from {seedName}: {edits}): {finding}");
            if (saveFindingsTo is not null)
            {
                Directory.CreateDirectory(saveFindingsTo);
                File.WriteAllBytes(Path.Combine(saveFindingsTo, $"{target.Name}-{seed}-{i}-{seedName}"), bytes);
            }
            if (finding.StartsWith("hang", StringComparison.Ordinal) || findings.Count >= 50) break;
        }
        return new FuzzReport(target.Name, seed, accepted + clean + findings.Count, accepted, clean, maxAllocated, findings, clock.Elapsed);
    }

    private static string FirstLine(string s) => s.Split('\n')[0];

    private static string FirstFrame(Exception e) =>
        e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Pangy.", StringComparison.Ordinal)) ?? "?";
}
