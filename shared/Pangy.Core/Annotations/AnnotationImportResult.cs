namespace Pangy.Core.Annotations;

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
