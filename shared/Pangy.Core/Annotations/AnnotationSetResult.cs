namespace Pangy.Core.Annotations;

/// <summary>What adding an annotation set did.</summary>
public sealed record AnnotationSetResult(string Reference, string Name, string Directory, AnnotationImportResult Import);
