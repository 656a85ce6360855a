namespace Pangy.Core.Pipeline;

/// <summary>Pokes an <see cref="UploadNotifier"/> whenever anything changes under a folder (the periodic scan catches what events miss).</summary>
public sealed class FolderWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;

    public FolderWatcher(string folder, UploadNotifier notifier)
    {
        Directory.CreateDirectory(folder);
        _watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        FileSystemEventHandler poke = (_, _) => notifier.Poke();
        _watcher.Created += poke;
        _watcher.Changed += poke;
        _watcher.Renamed += (_, _) => notifier.Poke();
        _watcher.Error += (_, _) => notifier.Poke();
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose() => _watcher.Dispose();
}
