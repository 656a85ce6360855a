using System.Text.Json;
using Pangy.Core.Assets;
using Pangy.Core.Build;
using Pangy.Core.Formats;

namespace Pangy.Core.Pipeline;

/// <summary>
/// <c>{dataset}/dataset.json</c>: the options of <c>pangy add</c> for every chromosome of the dataset, under the same
/// names: <c>ref</c> (required), <c>path</c>, <c>sep</c>, <c>offset</c>, <c>assembly</c> naming the genome assembly of the
/// asset bucket the reference is (<c>hg38.p12</c>), and <c>annotations</c> naming the annotation set that goes with the
/// dataset's reference.
/// </summary>
public sealed record DatasetManifest(string Reference, string? PathMatch, char? Separator, long Offset, string? Annotations, string? Assembly = null)
{
    /// <summary>The largest manifest read; it holds a few names.</summary>
    public const int MaxBytes = 64 << 10;

    private static readonly HashSet<string> Keys = ["ref", "path", "sep", "offset", "assembly", "annotations"];

    /// <summary>The build options for a chromosome of this dataset.</summary>
    public ChromosomeBuildOptions BuildOptions() =>
        new() { Reference = Reference, PathMatch = PathMatch, Offset = Offset, Separator = Separator, Assembly = Assembly };

    /// <summary>Reads a manifest from <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="BadInputException">Not a manifest (which key, what is wrong).</exception>
    public static async Task<DatasetManifest> ReadAsync(Stream stream, string name, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxBytes) throw new BadInputException(name, null, $"larger than {MaxBytes} bytes; a dataset.json holds a few options");
        }
        return Parse(buffer.ToArray(), name);
    }

    /// <summary>Parses manifest bytes.</summary>
    /// <exception cref="BadInputException">Not a manifest.</exception>
    public static DatasetManifest Parse(ReadOnlySpan<byte> json, string name)
    {
        Formats.Json.Utf8Text.ThrowIfInvalid(json, name);
        JsonDocument doc;
        try
        {
            // A key given twice is ambiguous (which 'ref'?): refused, not last-one-wins.
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions
            {
                AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false,
            });
        }
        catch (JsonException e)
        {
            throw new BadInputException(name, e.LineNumber + 1, $"not valid JSON ({e.Message})", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new BadInputException(name, null, "must be a JSON object such as {\"ref\": \"GRCh38\"}");
            foreach (var p in root.EnumerateObject())
                if (!Keys.Contains(p.Name))
                    throw new BadInputException(name, null, $"unknown key '{p.Name}' (known: ref, path, sep, offset, assembly, annotations)");
            string reference = Text(root, "ref", name) ?? throw new BadInputException(name, null, "'ref' (the reference genome name) is required");
            if (reference.Length == 0) throw new BadInputException(name, null, "'ref' must not be empty");
            string? sep = Text(root, "sep", name);
            if (sep is { Length: not 1 }) throw new BadInputException(name, null, "'sep' must be a single character");
            long offset = 0;
            if (root.TryGetProperty("offset", out var o) && o.ValueKind != JsonValueKind.Null && !o.TryGetInt64(out offset))
                throw new BadInputException(name, null, "'offset' must be an integer");
            if (offset < 0) throw new BadInputException(name, null, "'offset' must not be negative");
            string? annotations = Text(root, "annotations", name);
            string? assembly = Text(root, "assembly", name);
            if (assembly is not null && !AssetNames.IsAssembly(assembly))
                throw new BadInputException(name, null, $"'assembly' must name an assembly of the asset bucket, such as \"hg38.p12\" for hg38.p12.2bit (got '{assembly}')");
            return new DatasetManifest(reference, Text(root, "path", name), sep?[0], offset, annotations, assembly);
        }
    }

    private static string? Text(JsonElement root, string key, string name)
    {
        if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw new BadInputException(name, null, $"'{key}' must be a string");
        return v.GetString();
    }
}
