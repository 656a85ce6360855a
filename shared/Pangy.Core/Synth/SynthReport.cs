using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pangy.Core.Synth;

/// <summary>
/// What <see cref="SyntheticGraphGenerator"/> wrote: the options, the counts of every GFA record kind, the variant
/// sites by kind, and the bubbles that the BubbleGun-style finder (reference §6.3) must find on the graph.
/// Serialized as <c>PREFIX.json</c>.
/// </summary>
public sealed record SynthReport
{
    /// <summary>Reference length in bp (what the reference path spells).</summary>
    [JsonPropertyName("refBp")] public required long RefBp { get; init; }

    /// <summary>Haplotypes besides the reference.</summary>
    [JsonPropertyName("haplotypes")] public required int Haplotypes { get; init; }

    /// <summary>The seed used.</summary>
    [JsonPropertyName("seed")] public required ulong Seed { get; init; }

    /// <summary>Chromosome name (the reference path's contig).</summary>
    [JsonPropertyName("chrom")] public required string Chrom { get; init; }

    /// <summary>True when paths were written as W lines.</summary>
    [JsonPropertyName("wLines")] public required bool WLines { get; init; }

    /// <summary>The reference path's PanSN name, e.g. <c>GRCh38#0#chr1</c> (in W-line mode: sample GRCh38, hap 0, contig chrom).</summary>
    [JsonPropertyName("referencePath")] public required string ReferencePath { get; init; }

    /// <summary>S lines; segment ids are 1..Segments in S-line order.</summary>
    [JsonPropertyName("segments")] public required long Segments { get; init; }

    /// <summary>L lines.</summary>
    [JsonPropertyName("links")] public required long Links { get; init; }

    /// <summary>P (or W) lines, the reference included.</summary>
    [JsonPropertyName("paths")] public required long Paths { get; init; }

    /// <summary>Steps over all paths, the reference included.</summary>
    [JsonPropertyName("steps")] public required long Steps { get; init; }

    /// <summary>Steps of the reference path.</summary>
    [JsonPropertyName("referenceSteps")] public required long ReferenceSteps { get; init; }

    /// <summary>Haplotype contigs written in reverse orientation (reversed step order, flipped signs).</summary>
    [JsonPropertyName("reversedPaths")] public required long ReversedPaths { get; init; }

    /// <summary>Sum of all segment lengths in bp.</summary>
    [JsonPropertyName("segmentBp")] public required long SegmentBp { get; init; }

    /// <summary>Variant sites by kind.</summary>
    [JsonPropertyName("sites")] public required SynthSiteCounts Sites { get; init; }

    /// <summary>Bubbles the finder must report, by class.</summary>
    [JsonPropertyName("expectedBubbles")] public required SynthBubbleCounts ExpectedBubbles { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Writes the report as indented UTF-8 JSON.</summary>
    public void WriteJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, this, JsonOptions);
    }

    /// <summary>Reads a report written by <see cref="WriteJson"/>.</summary>
    /// <exception cref="JsonException">The stream is not a report.</exception>
    public static SynthReport ReadJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return JsonSerializer.Deserialize<SynthReport>(stream, JsonOptions) ?? throw new JsonException("the report is null");
    }
}
