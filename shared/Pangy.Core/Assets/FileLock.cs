namespace Pangy.Core.Assets;

/// <summary>
/// An exclusive lock between threads and processes on one lock file: the file is opened with
/// <see cref="FileShare.None"/>, which .NET takes as an advisory <c>flock</c> on Unix and a sharing lock on Windows.
/// The kernel drops it when the holder exits, killed or not, so a lock is never stale. Lock files are left in place:
/// deleting one while another process waits on it would let two holders lock two different files.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _handle;

    private FileLock(FileStream handle) => _handle = handle;

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
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
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
