namespace Pangy.Core.Assets;

/// <summary>An upload refused because the bucket already holds a different file of that name.</summary>
public sealed class AssetExistsException(string name, string location)
    : AssetException(name, $"'{name}' already exists in the asset bucket {location} with different content; upload with overwrite (pangy assets upload --overwrite) to replace it");
