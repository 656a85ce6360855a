namespace Pangy.Core.Annotations;

/// <summary>The feature types the import keeps, and how they are recognised (ASCII case-insensitively, as the reference lower-cases them).</summary>
public static class AnnotationTypes
{
    /// <summary>Type <c>gene</c>.</summary>
    public static bool IsGene(string? type) => string.Equals(type, "gene", StringComparison.OrdinalIgnoreCase);

    /// <summary>Type <c>transcript</c>, or <c>mRNA</c> (kept as a transcript, going past the reference, which drops it).</summary>
    public static bool IsTranscript(string? type) =>
        string.Equals(type, "transcript", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "mrna", StringComparison.OrdinalIgnoreCase);

    /// <summary>Type <c>exon</c>.</summary>
    public static bool IsExon(string? type) => string.Equals(type, "exon", StringComparison.OrdinalIgnoreCase);
}
