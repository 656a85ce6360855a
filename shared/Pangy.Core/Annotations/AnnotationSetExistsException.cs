namespace Pangy.Core.Annotations;

/// <summary>An annotation set that already exists, when replacing was not asked for.</summary>
public sealed class AnnotationSetExistsException(string reference, string name)
    : IOException($"annotation set '{name}' of reference '{reference}' already exists; use --force to replace it")
{
    public string Reference { get; } = reference;
    public string Name { get; } = name;
}
