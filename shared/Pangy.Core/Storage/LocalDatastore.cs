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
        // The lock exists (and is held) before the directory, so a cleaner never sees a live workspace unlocked.
        var owner = WorkspaceLock.Acquire(dir + LockSuffix) ?? throw new IOException($"workspace lock {dir}{LockSuffix} is taken");
        Directory.CreateDirectory(dir);
        return new ChromosomeWorkspace(key, dir, owner: owner);
    }

    public ChromosomeWorkspace CreateWorkspaceFrom(ChromosomeKey key)
    {
        string source = ChromosomeDirectory(key);
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"chromosome '{key}' is not published");
        var workspace = CreateWorkspace(key);
        try
        {
            FileLinks.LinkTree(source, workspace.Directory);
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
        return workspace;
    }

    private const string LockSuffix = ".lock";

    public Task PublishAsync(ChromosomeWorkspace workspace, bool replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        cancellationToken.ThrowIfCancellationRequested();
        if (!DirectoryPublisher.Publish(workspace.Directory, ChromosomeDirectory(workspace.Key), replace))
            throw new ChromosomeExistsException(workspace.Key);
        workspace.Published = true;
        return Task.CompletedTask;
    }

    // A workspace whose lock nobody holds belongs to a build that died (crash, kill -9): it is removed at once. One
    // without a lock file (an older layout, or a file system without locks) is removed after a day.
    private void RemoveStaleWorkspaces()
    {
        foreach (var d in new DirectoryInfo(StagingRoot).EnumerateDirectories())
        {
            string lockPath = d.FullName + LockSuffix;
            try
            {
                if (File.Exists(lockPath))
                {
                    using var dead = WorkspaceLock.Acquire(lockPath, create: false);
                    if (dead is null) continue; // its build is running
                    d.Delete(recursive: true);
                }
                else if (DateTime.UtcNow - d.LastWriteTimeUtc >= TimeSpan.FromDays(1))
                {
                    d.Delete(recursive: true);
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        // Lock files whose workspace is gone (the build published or the cleaner removed it).
        foreach (var f in new DirectoryInfo(StagingRoot).EnumerateFiles("*" + LockSuffix))
        {
            if (Directory.Exists(f.FullName[..^LockSuffix.Length])) continue;
            using var orphan = WorkspaceLock.Acquire(f.FullName, create: false);
            if (orphan is not null) try { f.Delete(); } catch (IOException) { }
        }
    }
}
