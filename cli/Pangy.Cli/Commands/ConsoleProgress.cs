using System.CommandLine;
using Pangy.Core.Build;

namespace Pangy.Cli.Commands;

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
