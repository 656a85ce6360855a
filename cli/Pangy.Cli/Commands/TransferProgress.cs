using Pangy.Core.Assets;

namespace Pangy.Cli.Commands;

/// <summary>Progress of a long download or upload on stderr (in place on a terminal, a line every few seconds otherwise); quiet for short ones.</summary>
internal sealed class TransferProgress : IProgress<AssetTransferProgress>
{
    private readonly bool _tty = !Console.IsErrorRedirected;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.FromSeconds(-10);
    private bool _dirty;

    public void Report(AssetTransferProgress value)
    {
        var now = _clock.Elapsed;
        if (now < TimeSpan.FromSeconds(1) || now - _last < TimeSpan.FromSeconds(_tty ? 0.5 : 5)) return;
        _last = now;
        string of = value.Total is > 0 and var t ? $" of {t / 1048576.0:0.0} MB ({100.0 * value.Done / t:0}%)" : "";
        string line = $"{value.Name}: {value.Done / 1048576.0:0.0} MB{of}, {value.Done / 1048576.0 / now.TotalSeconds:0.0} MB/s";
        lock (this)
        {
            if (_tty) { Console.Error.Write("\r" + line.PadRight(70)); _dirty = true; }
            else Console.Error.WriteLine(line);
        }
    }

    public void Finish()
    {
        if (_dirty) Console.Error.WriteLine();
        _dirty = false;
    }
}
