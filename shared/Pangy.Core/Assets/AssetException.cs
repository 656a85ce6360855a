namespace Pangy.Core.Assets;

/// <summary>An asset that cannot be provided; the subclasses say why. <see cref="Name"/> is the asset's name.</summary>
public abstract class AssetException(string name, string message, Exception? inner = null) : IOException(message, inner)
{
    public string Name { get; } = name;
}
