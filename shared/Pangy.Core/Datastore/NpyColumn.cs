using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Datastore;

/// <summary>
/// One <c>.npy</c> column of an index directory with its element type: the name and the dtype are stated once, here,
/// and the writer and every reader take both from it.
/// </summary>
public sealed class NpyColumn<T> : INpyColumn where T : unmanaged
{
    public NpyColumn(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public string Name { get; }

    public string DType => NpyDType.Descr<T>();

    public string FileName => Name + ".npy";

    /// <summary>The column's file inside the index directory <paramref name="indexDirectory"/>.</summary>
    public string PathIn(string indexDirectory) => Path.Combine(indexDirectory, FileName);

    public override string ToString() => $"{FileName} ({DType})";
}
