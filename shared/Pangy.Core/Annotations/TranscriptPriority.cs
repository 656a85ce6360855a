namespace Pangy.Core.Annotations;

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
