namespace Pangy.Core.Datastore;

/// <summary>
/// The files of one annotation set, <c>annotations/{ref}/{name}/</c> (the reference folder escaped with
/// <see cref="FileNames.Escape"/>): <c>annotations.db</c> and <c>annotations.quickindex.json.gz</c> (reference §3.5).
/// </summary>
public sealed class AnnotationLayout
{
    public const string DatabaseName = "annotations.db";
    public const string QuickIndexName = "annotations.quickindex.json.gz";

    public AnnotationLayout(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The annotation set's directory.</summary>
    public string Directory { get; }

    public string Database => Path.Combine(Directory, DatabaseName);
    public string QuickIndex => Path.Combine(Directory, QuickIndexName);

    public override string ToString() => Directory;
}
