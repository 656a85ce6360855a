namespace Pangy.Core.Annotations;

/// <summary>A transcript with its exons, in stored order.</summary>
public sealed record TranscriptModel(AnnotationRecord Transcript, IReadOnlyList<AnnotationRecord> Exons);
