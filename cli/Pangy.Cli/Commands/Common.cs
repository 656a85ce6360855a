using System.CommandLine;
using Pangy.Core.Build;

namespace Pangy.Cli.Commands;

/// <summary>Options several verbs share.</summary>
internal static class Options
{
    public static Option<string> Dir() => new("--dir")
    {
        Description = "datastore root",
        DefaultValueFactory = _ => Path.Combine(Environment.CurrentDirectory, "datastore"),
    };
}

/// <summary>Exit codes and error output of the CLI: one line on stderr, non-zero status.</summary>
internal static class Cli
{
    public const int BadInput = 1;
    public const int Usage = 2;

    public static int Fail(string message, int code = Usage)
    {
        Console.Error.WriteLine($"pangy: error: {message}");
        return code;
    }
}

/// <summary>
/// Progress of long steps on stderr: rewritten in place on a terminal, a line every few seconds otherwise, so logs
/// stay short. Nothing is printed for steps that finish quickly.
/// </summary>
internal sealed class ConsoleProgress : IProgress<BuildProgress>
{
    private readonly bool _tty = !Console.IsErrorRedirected;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.FromSeconds(-10);
    private string _phase = "";
    private bool _dirty;

    public void Report(BuildProgress value)
    {
        var now = _clock.Elapsed;
        bool newPhase = value.Phase != _phase;
        if (now < TimeSpan.FromSeconds(1.5) || (!newPhase && now - _last < TimeSpan.FromSeconds(_tty ? 0.5 : 5))) { _phase = value.Phase; return; }
        _phase = value.Phase;
        _last = now;
        string pct = value.Total > 0 ? $" {100.0 * value.Done / value.Total,5:0.0}%" : "";
        string line = $"[{now.TotalSeconds,6:0.0}s] {value.Phase}{pct}";
        if (_tty) { Console.Error.Write("\r" + line.PadRight(60)); _dirty = true; }
        else Console.Error.WriteLine(line);
    }

    /// <summary>Ends an in-place progress line before the summary is printed.</summary>
    public void Finish()
    {
        if (_dirty) Console.Error.WriteLine();
        _dirty = false;
    }
}

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
