namespace Pangy.Core.Assets;

/// <summary>The bucket could not be asked (network, permissions, a missing folder): whether it has the file is unknown.</summary>
public sealed class AssetUnreachableException(string name, string location, string reason, Exception? inner = null)
    : AssetException(name, $"could not reach the asset bucket {location} for '{name}': {reason}", inner)
{
    public string Location { get; } = location;
}
