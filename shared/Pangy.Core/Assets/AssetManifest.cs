using System.Text.Json;

namespace Pangy.Core.Assets;

/// <summary>
/// The bucket's <c>manifest.json</c>, written on upload: the SHA-256 and size of every file, against which every
/// download (and every cached copy) is checked. ETags cannot serve for this: multipart uploads give ETags that are not
/// digests (GenomeKit's overwrite guard never matches files over 8 MiB because of it).
/// <code>{"format": 1, "files": {"hg38.p12.2bit": {"sha256": "…", "size": 123}}}</code>
/// Names are written in ordinal order, so the same files give the same bytes.
/// </summary>
public sealed class AssetManifest
{
    /// <summary>The manifest's name in the bucket.</summary>
    public const string FileName = "manifest.json";

    private const int FormatVersion = 1;

    private readonly SortedDictionary<string, AssetManifestEntry> _files;

    public AssetManifest(IEnumerable<KeyValuePair<string, AssetManifestEntry>>? files = null)
    {
        _files = new SortedDictionary<string, AssetManifestEntry>(StringComparer.Ordinal);
        foreach (var (k, v) in files ?? []) _files[k] = v;
    }

    public IReadOnlyDictionary<string, AssetManifestEntry> Files => _files;

    /// <summary>The entry of <paramref name="name"/>, or null.</summary>
    public AssetManifestEntry? Find(string name) => _files.GetValueOrDefault(name);

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="entry"/>.</summary>
    public AssetManifest With(string name, AssetManifestEntry entry) => new(_files.Append(new(name, entry)));

    /// <exception cref="Formats.BadInputException">Not a manifest (the message names <paramref name="fileName"/>).</exception>
    public static AssetManifest Parse(ReadOnlySpan<byte> json, string fileName)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Object)
                throw new Formats.BadInputException(fileName, null, "expected {\"format\": 1, \"files\": {…}}");
            if (root.TryGetProperty("format", out var f) && (f.ValueKind != JsonValueKind.Number || f.GetInt32() > FormatVersion))
                throw new Formats.BadInputException(fileName, null, $"manifest format {f} is newer than this Pangy reads ({FormatVersion})");
            var entries = new List<KeyValuePair<string, AssetManifestEntry>>();
            foreach (var p in files.EnumerateObject())
            {
                if (!p.Value.TryGetProperty("sha256", out var sha) || sha.GetString() is not { Length: 64 } hex
                    || !p.Value.TryGetProperty("size", out var size) || !size.TryGetInt64(out long bytes))
                    throw new Formats.BadInputException(fileName, null, $"entry '{p.Name}' needs \"sha256\" (64 hex digits) and \"size\"");
                entries.Add(new(p.Name, new AssetManifestEntry(hex.ToLowerInvariant(), bytes)));
            }
            return new AssetManifest(entries);
        }
        catch (JsonException e)
        {
            throw new Formats.BadInputException(fileName, e.LineNumber + 1, "not valid JSON: " + e.Message);
        }
    }

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("format", FormatVersion);
            w.WriteStartObject("files");
            foreach (var (name, e) in _files)
            {
                w.WriteStartObject(name);
                w.WriteString("sha256", e.Sha256);
                w.WriteNumber("size", e.Size);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
