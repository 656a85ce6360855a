using System.Runtime.InteropServices;

namespace Pangy.Core.Storage;

/// <summary>
/// Moves a finished staging directory into place in one step: a rename when the target is new; when it replaces
/// an existing directory, an atomic exchange on Linux (renameat2 RENAME_EXCHANGE, so readers see the old or the new
/// directory, never neither) and two renames elsewhere. Both paths must be on the same file system.
/// </summary>
public static class DirectoryPublisher
{
    /// <summary>
    /// Publishes <paramref name="staging"/> as <paramref name="target"/>. Returns false, touching nothing, when the
    /// target exists and <paramref name="replace"/> is false. A replaced directory is deleted.
    /// </summary>
    public static bool Publish(string staging, string target, bool replace)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return true;
        }
        if (!replace) return false;
        // After the exchange the staging path holds the old directory.
        if (!TryExchange(staging, target))
        {
            string old = staging + ".old";
            Directory.Move(target, old);
            Directory.Move(staging, target);
            Directory.Move(old, staging);
        }
        Directory.Delete(staging, recursive: true);
        return true;
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

    private static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }
}
