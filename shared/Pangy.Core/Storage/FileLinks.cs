using System.Runtime.InteropServices;

namespace Pangy.Core.Storage;

/// <summary>
/// Mirrors a directory tree with hard links (no bytes copied: a chromosome is gigabytes), falling back to copies where
/// the file system or platform has no hard links.
/// </summary>
public static class FileLinks
{
    /// <summary>Recreates the tree of <paramref name="source"/> under <paramref name="target"/> (which exists).</summary>
    public static void LinkTree(string source, string target)
    {
        foreach (string dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(source, file));
            if (!TryLink(file, to)) File.Copy(file, to);
        }
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string oldpath, string newpath);

    private static bool TryLink(string from, string to)
    {
        if (OperatingSystem.IsWindows()) return false;
        try
        {
            return Link(from, to) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }
}
