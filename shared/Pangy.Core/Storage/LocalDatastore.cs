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

    public Task PublishAsync(ChromosomeWorkspace workspace, bool replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        cancellationToken.ThrowIfCancellationRequested();
        if (!DirectoryPublisher.Publish(workspace.Directory, ChromosomeDirectory(workspace.Key), replace))
            throw new ChromosomeExistsException(workspace.Key);
        workspace.Published = true;
        return Task.CompletedTask;
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
