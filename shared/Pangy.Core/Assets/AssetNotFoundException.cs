namespace Pangy.Core.Assets;

/// <summary>The bucket was asked and has no file of that name (and the cache has none either).</summary>
public sealed class AssetNotFoundException(string name, string location, string? explanation = null)
    : AssetException(name, explanation ?? $"'{name}' is not in the asset bucket {location} (nor in the local cache)")
{
    public string Location { get; } = location;
}
