namespace Pangy.Core.Datastore;

/// <summary>
/// The folders of a datastore root:
/// <code>
/// graphs/{dataset}/{chromosome}/     published chromosomes (<see cref="ChromosomeLayout"/>)
/// annotations/{ref}/{name}/          annotation sets (<see cref="AnnotationLayout"/>; ref escaped)
/// .pangy/staging/                    private workspaces of builds in progress (never read by queries), each with
///                                    a {workspace}.lock its build holds
/// .pangy/cache/                      files the query side derives (path blocks of older datastores)
/// .pangy/status/                     the local pipeline's status documents (pangy up writes, pangy serve reads)
/// </code>
/// </summary>
public sealed class DatastoreLayout
{
    public const string GraphsDirectoryName = "graphs";
    public const string AnnotationsDirectoryName = "annotations";
    /// <summary>Pangy's own folder in the root; no dataset can be named like it (names never start with '.').</summary>
    public const string PrivateDirectoryName = ".pangy";
    public const string StagingDirectoryName = "staging";
    public const string CacheDirectoryName = "cache";
    public const string StatusDirectoryName = "status";
    /// <summary>Appended to a workspace's directory name for the lock file its build holds while it runs.</summary>
    public const string WorkspaceLockSuffix = ".lock";

    public DatastoreLayout(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The datastore folder (full path).</summary>
    public string Root { get; }

    public string GraphsDirectory => Path.Combine(Root, GraphsDirectoryName);

    public string DatasetDirectory(string dataset) => Path.Combine(GraphsDirectory, dataset);

    /// <summary>The directory of a chromosome (whether or not it exists); names must be checked by the caller.</summary>
    public ChromosomeLayout Chromosome(string dataset, string chromosome) =>
        new(Path.Combine(GraphsDirectory, dataset, chromosome));

    public string AnnotationsDirectory => Path.Combine(Root, AnnotationsDirectoryName);

    /// <summary>The folder of <paramref name="reference"/>'s annotation sets (the name escaped).</summary>
    public string ReferenceAnnotationsDirectory(string reference) => Path.Combine(AnnotationsDirectory, FileNames.Escape(reference));

    /// <summary>Annotation set <paramref name="name"/> of <paramref name="reference"/> (whether or not it exists).</summary>
    public AnnotationLayout AnnotationSet(string reference, string name) => new(Path.Combine(ReferenceAnnotationsDirectory(reference), name));

    public string StagingDirectory => Path.Combine(Root, PrivateDirectoryName, StagingDirectoryName);

    public string CacheDirectory => Path.Combine(Root, PrivateDirectoryName, CacheDirectoryName);

    public string StatusDirectory => Path.Combine(Root, PrivateDirectoryName, StatusDirectoryName);

    public override string ToString() => Root;
}
