namespace Pangy.Core.Assets;

/// <summary>One file offered by the bucket or held in the cache: its size, its manifest SHA-256 (null when unlisted) and whether it is cached.</summary>
public sealed record AssetEntry(string Name, long Size, string? Sha256, bool InBucket, bool Cached);
