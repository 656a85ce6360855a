using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pangy.Core.Synth;

/// <summary>Bubble counts by the reference's classes (§6.3): simple, insertion, super.</summary>
public sealed record SynthBubbleCounts
{
    /// <summary>Simple bubbles: every SNP, top-level and nested.</summary>
    [JsonPropertyName("simple")] public required long Simple { get; init; }

    /// <summary>Insertion bubbles: every insertion and deletion.</summary>
    [JsonPropertyName("insertion")] public required long Insertion { get; init; }

    /// <summary>Super bubbles: every multi-allelic site and structural variant.</summary>
    [JsonPropertyName("super")] public required long Super { get; init; }

    /// <summary>Nested bubbles: simple bubbles whose parent is a structural variant's super bubble.</summary>
    [JsonPropertyName("nested")] public required long Nested { get; init; }

    /// <summary>All bubbles (inversions give none; see <see cref="SyntheticGraphGenerator"/>).</summary>
    [JsonPropertyName("total")] public required long Total { get; init; }
}
