namespace Pangy.Core.Datastore;

/// <summary>
/// One <c>*.mmapindex/</c> directory (§4.1): its name, its <c>.npy</c> columns and the keys its <c>meta.json</c>
/// carries after <c>version</c>, in the order they are written. <see cref="IndexDirectoryWriter"/> writes exactly this;
/// readers open the columns through it.
/// </summary>
public sealed class IndexLayout
{
    /// <summary>The metadata file of every index directory.</summary>
    public const string MetaFileName = "meta.json";

    public IndexLayout(string directoryName, IReadOnlyList<string> metaKeys, params INpyColumn[] columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(directoryName);
        DirectoryName = directoryName;
        MetaKeys = metaKeys;
        Columns = columns;
    }

    /// <summary>The directory's name inside the chromosome directory.</summary>
    public string DirectoryName { get; }

    /// <summary>The <c>meta.json</c> keys after <c>version</c>, in order.</summary>
    public IReadOnlyList<string> MetaKeys { get; }

    /// <summary>The columns, in the order the writer writes them.</summary>
    public IReadOnlyList<INpyColumn> Columns { get; }

    /// <summary>The index directory inside the chromosome directory <paramref name="chromosomeDirectory"/>.</summary>
    public string DirectoryIn(string chromosomeDirectory) => Path.Combine(chromosomeDirectory, DirectoryName);

    /// <summary>The <c>meta.json</c> of the index directory <paramref name="indexDirectory"/>.</summary>
    public static string MetaFileIn(string indexDirectory) => Path.Combine(indexDirectory, MetaFileName);

    public override string ToString() => DirectoryName;
}
