namespace Pangy.Core.Storage;

/// <summary>
/// The <see cref="FileLock"/> a live build holds on its workspace: the OS drops it when the process dies however it
/// dies (kill -9 included), so a lock that can be taken means its builder is gone. A type of its own because it
/// removes its file on release, which a plain <see cref="FileLock"/> must not: nobody waits on a workspace lock (a
/// cleaner tries once and moves on), so no waiter can be left locking a file that is gone.
/// </summary>
public sealed class WorkspaceLock : IDisposable
{
    private readonly FileLock _lock;
    private readonly string _path;

    private WorkspaceLock(FileLock held, string path)
    {
        _lock = held;
        _path = path;
    }

    /// <summary>Takes the lock without waiting; null when another process holds it (or, with <paramref name="create"/> false, when the file is gone).</summary>
    public static WorkspaceLock? Acquire(string path, bool create = true) =>
        FileLock.TryAcquire(path, create) is { } held ? new WorkspaceLock(held, path) : null;

    /// <summary>Releases the lock and removes its file.</summary>
    public void Dispose()
    {
        // Delete while holding it, so no other process can take a lock on a file that is about to vanish.
        try { File.Delete(_path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _lock.Dispose();
    }
}
