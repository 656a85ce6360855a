using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Annotations;

/// <summary>
/// <c>annotations.quickindex.json.gz</c> (reference §3.5): the distinct non-null gene names in SQLite's
/// <c>ORDER BY gene_name</c> order, written as Python's <c>json.dump(..., indent=4)</c> writes
/// <c>{"genes": [...]}</c> (non-ASCII escaped), gzip level 4 with mtime 0 so that re-runs are byte-identical.
/// </summary>
public static class AnnotationQuickIndex
{
    /// <summary>The reference's gzip level.</summary>
    public const int CompressionLevel = 4;

    /// <summary>The uncompressed JSON text for <paramref name="geneNames"/>.</summary>
    public static string ToJson(IReadOnlyList<string> geneNames)
    {
        ArgumentNullException.ThrowIfNull(geneNames);
        var sb = new StringBuilder(32 + geneNames.Count * 16);
        sb.Append("{\n    \"genes\": [");
        for (int i = 0; i < geneNames.Count; i++)
        {
            sb.Append(i == 0 ? "\n        " : ",\n        ");
            PyJson.AppendString(sb, geneNames[i]);
        }
        sb.Append(geneNames.Count == 0 ? "]\n}" : "\n    ]\n}");
        return sb.ToString();
    }

    /// <summary>Writes the gzip file to <paramref name="destination"/> (left open).</summary>
    public static void Write(Stream destination, IReadOnlyList<string> geneNames)
    {
        ArgumentNullException.ThrowIfNull(destination);
        byte[] json = Encoding.UTF8.GetBytes(ToJson(geneNames));
        using var gz = new GZipStream(destination, new ZLibCompressionOptions { CompressionLevel = CompressionLevel }, leaveOpen: true);
        gz.Write(json);
    }

    /// <summary>
    /// Reads the gene names of a quick index file. The key <c>genes</c> is the current one; <c>annotations</c>
    /// (an older reference version) is accepted too.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a quick index.</exception>
    public static IReadOnlyList<string> Read(string path)
    {
        using var stream = Formats.Compression.InputStreams.OpenFile(path);
        try
        {
            using var doc = JsonDocument.Parse(stream);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                (doc.RootElement.TryGetProperty("genes", out var list) || doc.RootElement.TryGetProperty("annotations", out list)) &&
                list.ValueKind == JsonValueKind.Array)
            {
                var names = new List<string>(list.GetArrayLength());
                foreach (var e in list.EnumerateArray())
                {
                    if (e.ValueKind != JsonValueKind.String) throw new InvalidDataException($"{path}: a gene name is not a string");
                    names.Add(e.GetString()!);
                }
                return names;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not JSON ({e.Message})", e);
        }
        throw new InvalidDataException($"{path}: expected an object with a \"genes\" list");
    }
}
