namespace Pangy.Core.Assets;

/// <summary>Progress of a download or upload: bytes moved so far and the total when known.</summary>
public readonly record struct AssetTransferProgress(string Name, long Done, long? Total);
