namespace Pangy.Core.Annotations;

/// <summary>A gene with its transcripts (in the priority order of <see cref="TranscriptPriority"/>) and their exons.</summary>
public sealed record GeneModel(AnnotationRecord Gene, IReadOnlyList<TranscriptModel> Transcripts);
