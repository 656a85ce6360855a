namespace Pangy.Core.Assets;

/// <summary>What the manifest records of one file: its SHA-256 (lower-case hex) and size in bytes.</summary>
public sealed record AssetManifestEntry(string Sha256, long Size);
