using System.Text;
using Pangy.Core.Formats.Json;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Datastore;

/// <summary>
/// Writes one <c>*.mmapindex/</c> directory as its <see cref="IndexLayout"/> describes it: each column through
/// <see cref="Write{T}"/>, then <see cref="Finish"/> writes <c>meta.json</c> (<c>{"version": "v…", …}</c> with Python's
/// default separators, the writer's version first, decision 4) after checking that every column was written and
/// the meta keys are the layout's, in its order.
/// </summary>
public sealed class IndexDirectoryWriter
{
    private readonly HashSet<INpyColumn> _written = [];

    private IndexDirectoryWriter(IndexLayout layout, string directory)
    {
        Layout = layout;
        Directory = directory;
    }

    public IndexLayout Layout { get; }

    /// <summary>The directory being written.</summary>
    public string Directory { get; }

    /// <summary>Starts writing <paramref name="layout"/> into <paramref name="directory"/> (created if needed).</summary>
    public static IndexDirectoryWriter Create(IndexLayout layout, string directory)
    {
        ArgumentNullException.ThrowIfNull(layout);
        System.IO.Directory.CreateDirectory(directory);
        return new IndexDirectoryWriter(layout, directory);
    }

    /// <summary>Writes <paramref name="data"/> as <paramref name="column"/>.</summary>
    public IndexDirectoryWriter Write<T>(NpyColumn<T> column, ReadOnlySpan<T> data) where T : unmanaged
    {
        if (!Layout.Columns.Contains(column))
            throw new ArgumentException($"{column} is not a column of {Layout}", nameof(column));
        NpyWriter.WriteFile(column.PathIn(Directory), data);
        _written.Add(column);
        return this;
    }

    /// <summary>Writes <c>meta.json</c> with the version and then <paramref name="fields"/> (strings or integers).</summary>
    public void Finish(params (string Key, object Value)[] fields)
    {
        var missing = Layout.Columns.Where(c => !_written.Contains(c)).Select(c => c.Name).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"{Layout}: columns not written: {string.Join(", ", missing)}");
        if (!fields.Select(f => f.Key).SequenceEqual(Layout.MetaKeys, StringComparer.Ordinal))
            throw new ArgumentException($"{Layout}: meta keys must be {string.Join(", ", Layout.MetaKeys)}", nameof(fields));
        var j = new PyJson().Raw("{").Key("version").String(PangyVersion.Current);
        foreach (var (key, value) in fields)
        {
            j.ItemSep().Key(key);
            switch (value)
            {
                case string s: j.String(s); break;
                case int i: j.Int(i); break;
                case long l: j.Int(l); break;
                default: throw new ArgumentException($"meta value of '{key}' must be a string or an integer");
            }
        }
        File.WriteAllText(IndexLayout.MetaFileIn(Directory), j.Raw("}").ToString(), new UTF8Encoding(false));
    }
}
