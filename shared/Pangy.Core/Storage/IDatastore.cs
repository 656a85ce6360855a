namespace Pangy.Core.Storage;

/// <summary>
/// Where built chromosomes live. Stages never write into a published chromosome: they build in a private local
/// <see cref="ChromosomeWorkspace"/> (SQLite and memory-mapped files need a local disk) and the datastore publishes
/// the workspace atomically, so readers see the old chromosome or the new one, never a half-built one.
/// Implementations: <see cref="LocalDatastore"/> (a folder: the CLI, tests, the local watcher) and, for the
/// serverless pipeline, a blob-backed one.
/// </summary>
public interface IDatastore
{
    /// <summary>True when <paramref name="key"/> has been published.</summary>
    bool Exists(ChromosomeKey key);

    /// <summary>A new empty private directory for building <paramref name="key"/>; deleted on dispose unless published.</summary>
    ChromosomeWorkspace CreateWorkspace(ChromosomeKey key);

    /// <summary>
    /// A new private directory holding the published chromosome's files, so that a later stage (the skeleton) can add
    /// its artifacts and publish everything in one step: readers never see half of that stage's output. Stages never
    /// write into an existing file, so the files may be hard links of the published ones.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The chromosome is not published.</exception>
    ChromosomeWorkspace CreateWorkspaceFrom(ChromosomeKey key);

    /// <summary>
    /// Makes the workspace's files the chromosome's artifacts in one step. With <paramref name="replace"/> false an
    /// existing chromosome is an error; with it true the old one is swapped out.
    /// </summary>
    /// <exception cref="ChromosomeExistsException">The chromosome exists and <paramref name="replace"/> is false.</exception>
    Task PublishAsync(ChromosomeWorkspace workspace, bool replace, CancellationToken cancellationToken = default);

    /// <summary>
    /// A local directory holding the published chromosome's files (for a local datastore the chromosome directory
    /// itself; a remote one downloads into its cache), or null when it is not published.
    /// </summary>
    Task<string?> GetLocalCopyAsync(ChromosomeKey key, CancellationToken cancellationToken = default);
}

/// <summary>A chromosome that is already published, when replacing was not asked for.</summary>
public sealed class ChromosomeExistsException(ChromosomeKey key)
    : IOException($"chromosome '{key.Chromosome}' of dataset '{key.Dataset}' already exists; use --force to replace it")
{
    public ChromosomeKey Key { get; } = key;
}

/// <summary>A private local directory in which one chromosome is built before it is published.</summary>
public sealed class ChromosomeWorkspace : IDisposable
{
    private readonly Action<ChromosomeWorkspace>? _discard;
    private readonly IDisposable? _owner;

    /// <param name="owner">Held while the workspace lives and released last (e.g. the lock that tells a cleaner its builder is alive).</param>
    public ChromosomeWorkspace(ChromosomeKey key, string directory, Action<ChromosomeWorkspace>? discard = null, IDisposable? owner = null)
    {
        Key = key;
        Directory = directory;
        _discard = discard;
        _owner = owner;
    }

    public ChromosomeKey Key { get; }

    /// <summary>The local directory the stages write into.</summary>
    public string Directory { get; }

    /// <summary>Set by the datastore once the files have been published (the directory may then be gone).</summary>
    public bool Published { get; internal set; }

    /// <summary>Deletes the directory unless it was published.</summary>
    public void Dispose()
    {
        try
        {
            if (Published) return;
            if (_discard is not null) _discard(this);
            else if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        }
        finally
        {
            _owner?.Dispose();
        }
    }
}
