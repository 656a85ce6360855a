namespace Pangy.Core.Assets;

/// <summary>An annotation set from the bucket: the local folder to open, and whether it had to be rebuilt from its GFF3.</summary>
public sealed record AnnotationSetAsset(string Set, string Folder, bool Rebuilt);
