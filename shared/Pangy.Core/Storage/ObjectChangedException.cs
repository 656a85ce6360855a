namespace Pangy.Core.Storage;

/// <summary>An object was replaced by a newer version while (or before) it was read at a given ETag.</summary>
public sealed class ObjectChangedException(string name, string expectedETag, Exception? inner = null)
    : IOException($"'{name}' changed: it is no longer version {expectedETag}", inner)
{
    public string Name { get; } = name;
    public string ExpectedETag { get; } = expectedETag;
}
