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
