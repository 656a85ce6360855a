namespace Pangy.Core.Annotations;

/// <summary>
/// One row of <c>annotations.db</c> (reference §3.5): a gene, transcript (or mRNA) or exon of a GFF3 file.
/// Coordinates are GFF's, 1-based and inclusive, as written. <see cref="Tag"/> is the raw comma list of the
/// <c>tag=</c> attribute (empty when absent); the two flags are set only on transcripts.
/// </summary>
public sealed record AnnotationRecord(string? Id, string Type, string Chrom, long Start, long End, string? Strand, string? Source,
    string? GeneName, int? ExonNumber, string? Parent, string Tag, bool EnsemblCanonical, bool ManeSelect)
{
    /// <summary>True for a gene row (type <c>gene</c>, any case).</summary>
    public bool IsGene => AnnotationTypes.IsGene(Type);

    /// <summary>True for a transcript row: type <c>transcript</c> or, going past the reference, <c>mRNA</c> (any case).</summary>
    public bool IsTranscript => AnnotationTypes.IsTranscript(Type);

    /// <summary>True for an exon row (type <c>exon</c>, any case).</summary>
    public bool IsExon => AnnotationTypes.IsExon(Type);
}
