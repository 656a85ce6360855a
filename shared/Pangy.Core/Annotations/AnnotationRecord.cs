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

/// <summary>A gene with its transcripts (in the priority order of <see cref="TranscriptPriority"/>) and their exons.</summary>
public sealed record GeneModel(AnnotationRecord Gene, IReadOnlyList<TranscriptModel> Transcripts);

/// <summary>A transcript with its exons, in stored order.</summary>
public sealed record TranscriptModel(AnnotationRecord Transcript, IReadOnlyList<AnnotationRecord> Exons);

/// <summary>What an import wrote.</summary>
/// <param name="Rows">Rows in <c>annotations.db</c>.</param>
/// <param name="Genes">Gene rows.</param>
/// <param name="Transcripts">Transcript and mRNA rows.</param>
/// <param name="Exons">Exon rows.</param>
/// <param name="DuplicatesSkipped">Features whose ID an earlier feature already had (the first one wins).</param>
/// <param name="Elapsed">Wall time of the import.</param>
public sealed record AnnotationImportResult(long Rows, long Genes, long Transcripts, long Exons, long DuplicatesSkipped, TimeSpan Elapsed)
{
    /// <summary>Distinct gene names (the quick index's length).</summary>
    public long GeneNames { get; init; }

    /// <summary>Lines skipped because they have fewer than 9 tab-separated columns.</summary>
    public long MalformedLinesSkipped { get; init; }

    /// <summary>The first few duplicate IDs, each with the line of the skipped feature (<c>ID (line N)</c>).</summary>
    public IReadOnlyList<string> DuplicateExamples { get; init; } = [];
}

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

/// <summary>
/// The order in which a gene's transcripts are listed (reference §8.1): MANE Select first, then Ensembl canonical,
/// then a tag containing <c>GENCODE_Primary</c>, then one containing <c>CCDS</c>, then the original order. The
/// criteria are compared in that order as a tuple, and the sort is stable.
/// </summary>
public static class TranscriptPriority
{
    /// <summary>A sort key: lower comes first. Bit 3 = not MANE, bit 2 = not canonical, bit 1 = no GENCODE_Primary, bit 0 = no CCDS.</summary>
    public static int Rank(AnnotationRecord transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        string tag = transcript.Tag ?? "";
        return (transcript.ManeSelect ? 0 : 8)
             | (transcript.EnsemblCanonical ? 0 : 4)
             | (tag.Contains("GENCODE_Primary", StringComparison.Ordinal) ? 0 : 2)
             | (tag.Contains("CCDS", StringComparison.Ordinal) ? 0 : 1);
    }

    /// <summary>The transcripts in priority order (stable).</summary>
    public static IReadOnlyList<TranscriptModel> Order(IEnumerable<TranscriptModel> transcripts) =>
        transcripts.OrderBy(t => Rank(t.Transcript)).ToArray();
}
