using System.Text;
using System.Text.Json;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Formats.PathIndex;

/// <summary>
/// <c>paths/index.json</c> (§5.3: samples in first-appearance order, each with its subpaths in GFA order; the list
/// position is the API's path index) and <c>paths/sample_idx.json</c> (§5.4: sample → bit index).
/// </summary>
public sealed class PathIndexDocument
{
    public PathIndexDocument(string version, IReadOnlyList<KeyValuePair<string, IReadOnlyList<PathIndexEntry>>> samples)
    {
        Version = version;
        Samples = samples;
    }

    public string Version { get; }

    /// <summary>Samples in first-appearance order with their subpaths.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<PathIndexEntry>>> Samples { get; }

    /// <summary>The compact JSON text of <c>index.json</c>; the token is looked at once per sample.</summary>
    public string ToJson(CancellationToken cancellationToken = default)
    {
        var j = new PyJson(compact: true);
        j.Raw("{").Key("version").String(Version).ItemSep().Key("paths").Raw("{");
        for (int i = 0; i < Samples.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i > 0) j.ItemSep();
            j.Key(Samples[i].Key).Raw("[");
            var entries = Samples[i].Value;
            for (int k = 0; k < entries.Count; k++)
            {
                var e = entries[k];
                if (k > 0) j.ItemSep();
                j.Raw("{").Key("file").String(e.File).ItemSep()
                    .Key("full_id").String(e.FullId).ItemSep()
                    .Key("contig").String(e.Contig).ItemSep()
                    .Key("start");
                if (e.Start.IsText) j.String(e.Start.Text); else j.Int(e.Start.Number);
                j.ItemSep().Key("length");
                if (e.Length is { } len) j.Int(len); else j.Null();
                j.ItemSep().Key("is_ref").Bool(e.IsRef).Raw("}");
            }
            j.Raw("]");
        }
        j.Raw("}}");
        return j.ToString();
    }

    /// <summary>The text of <c>sample_idx.json</c>: <c>{"name": index, ...}</c> with Python's default separators.</summary>
    public static string SampleIndexJson(IEnumerable<string> samplesInOrder)
    {
        var j = new PyJson();
        j.Raw("{");
        int i = 0;
        foreach (var s in samplesInOrder)
        {
            if (i > 0) j.ItemSep();
            j.Key(s).Int(i++);
        }
        j.Raw("}");
        return j.ToString();
    }

    /// <summary>Parses an <c>index.json</c>; <paramref name="name"/> is used in errors.</summary>
    public static PathIndexDocument Parse(ReadOnlySpan<byte> utf8, string name)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            string version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            var samples = new List<KeyValuePair<string, IReadOnlyList<PathIndexEntry>>>();
            foreach (var sample in root.GetProperty("paths").EnumerateObject())
            {
                var list = new List<PathIndexEntry>();
                foreach (var e in sample.Value.EnumerateArray())
                {
                    var startEl = e.GetProperty("start");
                    var start = startEl.ValueKind == JsonValueKind.String ? PathStart.OfText(startEl.GetString()!) : PathStart.Of(startEl.GetInt64());
                    long? length = e.TryGetProperty("length", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt64() : null;
                    list.Add(new PathIndexEntry(e.GetProperty("file").GetString()!, e.GetProperty("full_id").GetString()!,
                        e.GetProperty("contig").GetString()!, start, length, e.GetProperty("is_ref").GetBoolean()));
                }
                samples.Add(new(sample.Name, list));
            }
            return new PathIndexDocument(version, samples);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new BadInputException(name, null, $"not a valid paths index ({e.Message})", e);
        }
    }

    /// <summary>Reads <c>index.json</c> from a file.</summary>
    public static PathIndexDocument ReadFile(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses <c>sample_idx.json</c> into (name, index) pairs in file order.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> ParseSampleIndex(ReadOnlySpan<byte> utf8, string name)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, int>(p.Name, p.Value.GetInt32())).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new BadInputException(name, null, $"not a valid sample index ({e.Message})", e);
        }
    }

    /// <summary>UTF-8 bytes of a JSON text (no BOM).</summary>
    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
