using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pangy.Core.Synth;

/// <summary>Variant sites by kind (see <see cref="SyntheticGraphGenerator"/> for each kind's topology).</summary>
public sealed record SynthSiteCounts
{
    /// <summary>Top-level SNP sites (two single-segment alleles).</summary>
    [JsonPropertyName("snp")] public required long Snp { get; init; }

    /// <summary>Insertions relative to the reference (the reference takes the deletion edge).</summary>
    [JsonPropertyName("insertion")] public required long Insertion { get; init; }

    /// <summary>Deletions relative to the reference (the reference walks the segment).</summary>
    [JsonPropertyName("deletion")] public required long Deletion { get; init; }

    /// <summary>Sites with three or more single-segment alleles.</summary>
    [JsonPropertyName("multiallelic")] public required long Multiallelic { get; init; }

    /// <summary>Inversions: one segment walked forward by some haplotypes and in reverse by others.</summary>
    [JsonPropertyName("inversion")] public required long Inversion { get; init; }

    /// <summary>Structural variants: a multi-segment allele with SNP sites inside it.</summary>
    [JsonPropertyName("sv")] public required long Sv { get; init; }

    /// <summary>SNP sites inside structural-variant alleles.</summary>
    [JsonPropertyName("nestedSnp")] public required long NestedSnp { get; init; }
}
