using Pangy.Core.Formats.ChromAlias;
using Pangy.Core.Formats.ChromSizes;
using Pangy.Core.Formats.TwoBit;

namespace Pangy.Core.Assets;

/// <summary>
/// One assembly read from its assets: the memory-mapped <c>.2bit</c>, the sequence list (<c>chrom.sizes</c> when the
/// bucket has one, else the 2bit's index) and the name resolver (<c>chromAlias.txt</c> when there is one).
/// </summary>
public sealed class GenomeAssembly : IDisposable
{
    public GenomeAssembly(string name, TwoBitReader sequence, IReadOnlyList<ChromSize>? sizes, ChromAliasTable? aliases)
    {
        Name = name;
        Sequence = sequence;
        Sizes = sizes ?? [.. sequence.Sequences.Select(s => new ChromSize(s.Name, s.Length))];
        Names = new ChromNameResolver(aliases, sequence.Sequences.Select(s => s.Name).Concat(Sizes.Select(s => s.Name)));
    }

    /// <summary>The assembly's name (the base name of its files, e.g. <c>hg38.p12</c>).</summary>
    public string Name { get; }

    public TwoBitReader Sequence { get; }

    public IReadOnlyList<ChromSize> Sizes { get; }

    public ChromNameResolver Names { get; }

    /// <summary>The 2bit name of <paramref name="chromosome"/> (any alias), or null when the assembly has no such sequence.</summary>
    public string? Resolve(string chromosome) =>
        Names.Resolve(chromosome) is { } canonical && Sequence.Contains(canonical) ? canonical : null;

    public void Dispose() => Sequence.Dispose();
}
