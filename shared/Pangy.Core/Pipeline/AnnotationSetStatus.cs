namespace Pangy.Core.Pipeline;

/// <summary>One annotation set's record: its latest GFF3, what is published, and the user-facing state.</summary>
public sealed class AnnotationSetStatus
{
    public required string Reference { get; set; }
    public required string Name { get; set; }
    public string State { get; set; } = ChromosomeState.Queued;
    public DateTimeOffset Updated { get; set; }
    public required InputRef Gff3 { get; set; }
    public required string Sequencer { get; set; }
    /// <summary>ETag of the GFF3 whose import is published.</summary>
    public string? Published { get; set; }
    public WorkClaim? Claim { get; set; }
    public long? Rows { get; set; }
    public double? ImportSeconds { get; set; }
    public StatusError? Error { get; set; }
}
