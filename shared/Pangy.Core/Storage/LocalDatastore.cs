using System.Runtime.InteropServices;

namespace Pangy.Core.Storage;

/// <summary>
/// A datastore in a local folder, laid out as the reference's (<c>{root}/graphs/{dataset}/{chromosome}/</c>).
/// Workspaces live in <c>{root}/.pangy/staging/</c> on the same file system, so publishing is a rename: on Linux an
/// atomic exchange of the old and new directories (renameat2 RENAME_EXCHANGE), elsewhere two renames.
/// </summary>
public sealed class LocalDatastore : IDatastore
{
    public LocalDatastore(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>The datastore folder.</summary>
    public string Root { get; }

    private string StagingRoot => Path.Combine(Root, ".pangy", "staging");

    /// <summary>The published directory of <paramref name="key"/> (whether or not it exists).</summary>
    public string ChromosomeDirectory(ChromosomeKey key) => Path.Combine(Root, "graphs", key.Dataset, key.Chromosome);

    public bool Exists(ChromosomeKey key) => Directory.Exists(ChromosomeDirectory(key));

    public Task<string?> GetLocalCopyAsync(ChromosomeKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(Exists(key) ? ChromosomeDirectory(key) : null);

    public ChromosomeWorkspace CreateWorkspace(ChromosomeKey key)
    {
        Directory.CreateDirectory(StagingRoot);
        RemoveStaleWorkspaces();
        string dir = Path.Combine(StagingRoot, $"{key.Dataset}.{key.Chromosome}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return new ChromosomeWorkspace(key, dir);
    }

    public Task PublishAsync(ChromosomeWorkspace workspace, bool replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        cancellationToken.ThrowIfCancellationRequested();
        string target = ChromosomeDirectory(workspace.Key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!Directory.Exists(target))
        {
            Directory.Move(workspace.Directory, target);
        }
        else
        {
            if (!replace) throw new ChromosomeExistsException(workspace.Key);
            // After the exchange the workspace path holds the old chromosome; it is deleted below.
            if (!TryExchange(workspace.Directory, target))
            {
                string old = workspace.Directory + ".old";
                Directory.Move(target, old);
                Directory.Move(workspace.Directory, target);
                Directory.Move(old, workspace.Directory);
            }
            Directory.Delete(workspace.Directory, recursive: true);
        }
        workspace.Published = true;
        return Task.CompletedTask;
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

    // Workspaces of builds that died (crash, kill) are removed after a day, so they never pile up.
    private void RemoveStaleWorkspaces()
    {
        foreach (var d in new DirectoryInfo(StagingRoot).EnumerateDirectories())
        {
            if (DateTime.UtcNow - d.LastWriteTimeUtc < TimeSpan.FromDays(1)) continue;
            try { d.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
