namespace Pangy.Core.Storage;

/// <summary>
/// An exclusive lock on a file, held by a live build for its workspace. The OS drops it when the process dies however
/// it dies (kill -9 included), so a lock that can be taken means its builder is gone.
/// </summary>
public sealed class WorkspaceLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _path;

    private WorkspaceLock(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>Takes the lock without waiting; null when another process holds it (or, with <paramref name="create"/> false, when the file is gone).</summary>
    public static WorkspaceLock? Acquire(string path, bool create = true)
    {
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix, a share-mode lock on Windows and SMB.
            var s = new FileStream(path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return new WorkspaceLock(s, path);
        }
        catch (FileNotFoundException) { return null; }
        catch (IOException) { return null; }
    }

    /// <summary>Releases the lock and removes its file.</summary>
    public void Dispose()
    {
        // Delete while holding it, so no other process can take a lock on a file that is about to vanish.
        try { File.Delete(_path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _stream.Dispose();
    }
}
