using Pangy.Core.Datastore;

namespace Pangy.Core.Storage;

/// <summary>
/// A datastore in a local folder (or a mounted share), laid out as <see cref="DatastoreLayout"/> describes. Builds:
/// workspaces live in <c>.pangy/staging/</c> on the same file system, so publishing is a rename: on Linux an atomic
/// exchange of the old and new directories (renameat2 RENAME_EXCHANGE), elsewhere two renames. Reads: the listing
/// and the chromosome directories as they are on disk.
/// </summary>
public sealed class LocalDatastore : IDatastore, IReadableDatastore
{
    public LocalDatastore(string root)
    {
        Layout = new DatastoreLayout(root);
    }

    /// <summary>The datastore folder.</summary>
    public string Root => Layout.Root;

    /// <summary>The names of the datastore's folders and files.</summary>
    public DatastoreLayout Layout { get; }

    public string Location => Root;

    public string CacheDirectory => Layout.CacheDirectory;

    private string StagingRoot => Layout.StagingDirectory;

    /// <summary>The published directory of <paramref name="key"/> (whether or not it exists).</summary>
    public string ChromosomeDirectory(ChromosomeKey key) => Layout.Chromosome(key.Dataset, key.Chromosome).Directory;

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

    private const string LockSuffix = DatastoreLayout.WorkspaceLockSuffix;

    public Task PublishAsync(ChromosomeWorkspace workspace, bool replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        cancellationToken.ThrowIfCancellationRequested();
        if (!DirectoryPublisher.Publish(workspace.Directory, ChromosomeDirectory(workspace.Key), replace))
            throw new ChromosomeExistsException(workspace.Key);
        workspace.Published = true;
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> ListDatasets() => ValidSubdirectories(Layout.GraphsDirectory);

    public IReadOnlyList<string> ListChromosomes(string dataset) =>
        DatastoreNames.IsValid(dataset) ? ValidSubdirectories(Layout.DatasetDirectory(dataset)) : [];

    public ChromosomeLayout Locate(ChromosomeKey key) => Layout.Chromosome(key.Dataset, key.Chromosome);

    public ChromosomeLayout OpenForReading(ChromosomeKey key) => Locate(key);

    // The directory's modification time changes when the chromosome is published anew or a stage adds files to it.
    public long ChangeStamp(ChromosomeKey key)
    {
        string dir = ChromosomeDirectory(key);
        return Directory.Exists(dir) ? Directory.GetLastWriteTimeUtc(dir).Ticks : 0;
    }

    public IReadOnlyList<AnnotationLayout> AnnotationSets(string reference)
    {
        string annotations = Layout.AnnotationsDirectory;
        if (string.IsNullOrEmpty(reference) || !Directory.Exists(annotations)) return [];
        // The reference reaches the file system only as one of the folder names actually listed.
        string escaped = FileNames.Escape(reference);
        string? refDir = Directory.EnumerateDirectories(annotations).FirstOrDefault(d => Path.GetFileName(d) == escaped);
        if (refDir is null) return [];
        return new DirectoryInfo(refDir).EnumerateDirectories()
            .Select(d => (Info: d, Set: new AnnotationLayout(d.FullName)))
            .Where(d => File.Exists(d.Set.Database))
            .OrderByDescending(d => d.Info.LastWriteTimeUtc).ThenBy(d => d.Info.Name, StringComparer.Ordinal)
            .Select(d => d.Set)
            .ToList();
    }

    private static List<string> ValidSubdirectories(string dir)
    {
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateDirectories(dir).Select(Path.GetFileName).OfType<string>()
            .Where(DatastoreNames.IsValid).Order(StringComparer.Ordinal).ToList();
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
