using System.Text.Json;
using System.Text.Json.Serialization;
using Pangy.Core.Build;
using Pangy.Core.Formats;
using Pangy.Core.Storage;

namespace Pangy.Core.Stages;

/// <summary>
/// The small message that asks for one chromosome to be built: which dataset and chromosome, the build options
/// (PangyPlot's names), and the input blobs by name. The Ingest function receives it from a queue, the local
/// watcher and the CLI make it from files; all of them turn it into an <see cref="AddChromosomeRequest"/> with
/// <see cref="ResolveAsync"/>. Carrying names, not data, keeps queue messages far below their 64 KiB limit.
/// </summary>
public sealed record IngestMessage
{
    [JsonPropertyName("dataset")] public required string Dataset { get; init; }
    [JsonPropertyName("chromosome")] public required string Chromosome { get; init; }
    [JsonPropertyName("reference")] public required string Reference { get; init; }
    [JsonPropertyName("path")] public string? PathMatch { get; init; }
    [JsonPropertyName("offset")] public long Offset { get; init; }
    [JsonPropertyName("separator")] public string? Separator { get; init; }
    /// <summary>Blob name of the GFA (plain or gzip).</summary>
    [JsonPropertyName("gfa")] public required string Gfa { get; init; }
    /// <summary>Blob name of the layout.</summary>
    [JsonPropertyName("layout")] public required string Layout { get; init; }
    /// <summary>Replace an existing chromosome (re-deliveries of the same upload are harmless either way).</summary>
    [JsonPropertyName("replace")] public bool Replace { get; init; }

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="BadInputException">The text is not an ingest message.</exception>
    public static IngestMessage Parse(string json, string source = "ingest message")
    {
        try
        {
            return JsonSerializer.Deserialize<IngestMessage>(json, Json) ?? throw new JsonException("null message");
        }
        catch (JsonException e)
        {
            throw new BadInputException(source, null, $"not a valid ingest message ({e.Message})", e);
        }
    }

    /// <summary>The request this message asks for, with its inputs read from <paramref name="inputs"/>.</summary>
    public async Task<AddChromosomeRequest> ResolveAsync(IObjectStore inputs, CancellationToken cancellationToken = default)
    {
        if (Separator is { Length: not 1 }) throw new BadInputException("ingest message", null, "separator must be a single character");
        return new AddChromosomeRequest(
            new ChromosomeKey(Dataset, Chromosome),
            await InputAsync(inputs, Gfa, cancellationToken).ConfigureAwait(false),
            await InputAsync(inputs, Layout, cancellationToken).ConfigureAwait(false),
            new ChromosomeBuildOptions { Reference = Reference, PathMatch = PathMatch, Offset = Offset, Separator = Separator?[0] },
            Replace);
    }

    private static async Task<InputFile> InputAsync(IObjectStore store, string name, CancellationToken ct)
    {
        long? length = await store.GetLengthAsync(name, ct).ConfigureAwait(false);
        if (length is null) throw new BadInputException(name, null, "no such input");
        return new InputFile(name, c => new ValueTask<Stream>(store.OpenReadAsync(name, c)), length);
    }
}
