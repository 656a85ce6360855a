namespace Pangy.Core.Storage;

/// <summary>
/// An exclusive lock between threads and processes on one lock file: the file is opened with
/// <see cref="FileShare.None"/>, which .NET takes as an advisory <c>flock</c> on Unix and a sharing lock on Windows and
/// SMB. The kernel drops it when the holder exits, killed or not, so a lock is never stale. The lock file is left in
/// place: deleting one while another process waits on it would let two holders lock two different files (see
/// <see cref="WorkspaceLock"/> for the one lock nobody waits on, which removes its file).
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _handle;

    private FileLock(FileStream handle) => _handle = handle;

    private static FileLock Open(string path, bool create) =>
        new(new FileStream(path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));

    /// <summary>
    /// Takes the lock without waiting; null when another holder has it, or the file cannot be opened (with
    /// <paramref name="create"/> false: when it is gone).
    /// </summary>
    public static FileLock? TryAcquire(string path, bool create = true)
    {
        try { return Open(path, create); }
        catch (IOException) { return null; }
    }

    /// <summary>Waits until the lock on <paramref name="path"/> is held (the folder is created if needed).</summary>
    public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return Open(path, create: true);
            }
            catch (IOException e) when (IsSharingViolation(e))
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(200, delay.TotalMilliseconds * 2));
            }
        }
    }

    // A held lock is a plain IOException (a sharing violation on Windows, EWOULDBLOCK from flock on Unix); a missing
    // folder or a bad path is not worth waiting for.
    private static bool IsSharingViolation(IOException e) =>
        e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException or DriveNotFoundException);

    public void Dispose() => _handle.Dispose();
}
