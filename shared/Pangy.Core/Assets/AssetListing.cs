namespace Pangy.Core.Assets;

/// <summary>
/// What <see cref="AssetManager.ListAsync"/> found: every file of the bucket and of the cache. When the bucket could
/// not be reached the cached files are still listed and <see cref="BucketError"/> says why (listing works offline).
/// </summary>
public sealed record AssetListing(IReadOnlyList<AssetEntry> Files, string? BucketError);
