using System.Text.Json;
using Pangy.Core.Datastore;
using Pangy.Core.Formats;

namespace Pangy.Core.Query;

/// <summary>
/// Opening a <c>*.mmapindex/</c> directory: its <c>meta.json</c> must carry a version this reader understands
/// (decision 4: the current one or one of the compatible set, §4.3), and every array must be a valid <c>.npy</c> of the
/// expected type. Anything else is an <see cref="IndexUnusableException"/> that says which file and what to do.
/// </summary>
public static class IndexFiles
{
    /// <summary>Versions whose index files this reader accepts: the current one and the reference's compatible set.</summary>
    public static readonly IReadOnlySet<string> CompatibleVersions = new HashSet<string>(StringComparer.Ordinal)
    {
        PangyVersion.Current, "v0.1.0", "v0.2.0",
    };

    /// <summary>Reads and checks <c>{dir}/meta.json</c>; returns its root element (cloned).</summary>
    public static JsonElement ReadMeta(string dir)
    {
        string path = IndexLayout.MetaFileIn(dir);
        if (!File.Exists(path))
            throw new IndexUnusableException($"{path} is missing; rebuild the chromosome (pangy add --force)");
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new IndexUnusableException($"{path} is not valid JSON ({e.Message}); rebuild the chromosome", e);
        }
        string? version = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() : null;
        if (version is null || !CompatibleVersions.Contains(version))
            throw new IndexUnusableException(
                $"{path} was written by version '{version ?? "(none)"}', which this server cannot read " +
                $"(it reads {string.Join(", ", CompatibleVersions.Order(StringComparer.Ordinal))}); rebuild the chromosome with this version of pangy");
        return root;
    }

    /// <summary>Maps <paramref name="column"/> of the index directory <paramref name="dir"/>, turning a missing or malformed file into <see cref="IndexUnusableException"/>.</summary>
    public static IndexColumnFile<T> Open<T>(string dir, NpyColumn<T> column) where T : unmanaged
    {
        string path = column.PathIn(dir);
        if (!File.Exists(path)) throw new IndexUnusableException($"{path} is missing; rebuild the chromosome");
        // Mapped now and kept: the column is read by many requests at once, each touching a few of its pages.
        try
        {
            var file = IndexColumnFile<T>.Open(dir, column, "missing", mapNow: true);
            file.AdviseRandomAccess();
            return file;
        }
        catch (BadInputException e) { throw new IndexUnusableException($"{e.Message}; rebuild the chromosome", e); }
    }

    /// <summary>An integer property of a meta object, or <paramref name="fallback"/>.</summary>
    public static long Int(JsonElement meta, string name, long fallback = 0) =>
        meta.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n) ? n : fallback;

    /// <summary>A string property of a meta object, or null.</summary>
    public static string? Text(JsonElement meta, string name) =>
        meta.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
