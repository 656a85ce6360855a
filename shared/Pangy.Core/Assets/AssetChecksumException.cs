namespace Pangy.Core.Assets;

/// <summary>A file whose bytes do not match the SHA-256 the bucket's manifest lists for it (or none is listed): it is not served.</summary>
public sealed class AssetChecksumException(string name, string message) : AssetException(name, message);
