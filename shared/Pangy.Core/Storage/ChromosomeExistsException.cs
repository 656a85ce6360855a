namespace Pangy.Core.Storage;

/// <summary>A chromosome that is already published, when replacing was not asked for.</summary>
public sealed class ChromosomeExistsException(ChromosomeKey key)
    : IOException($"chromosome '{key.Chromosome}' of dataset '{key.Dataset}' already exists; use --force to replace it")
{
    public ChromosomeKey Key { get; } = key;
}
