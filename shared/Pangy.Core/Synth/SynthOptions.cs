namespace Pangy.Core.Synth;

/// <summary>What <see cref="SyntheticGraphGenerator"/> should generate.</summary>
public sealed record SynthOptions
{
    /// <summary>The smallest reference length accepted, in bp.</summary>
    public const long MinRefBp = 1_000;

    /// <summary>The largest reference length accepted, in bp (segment ids must stay well inside an int).</summary>
    public const long MaxRefBp = 4_000_000_000;

    /// <summary>The largest number of haplotypes accepted.</summary>
    public const int MaxHaplotypes = 100_000;

    /// <summary>The longest chromosome name accepted.</summary>
    public const int MaxChromLength = 255;

    /// <summary>Length of the reference path in bp; the reference path spells exactly this many bases.</summary>
    public required long RefBp { get; init; }

    /// <summary>Number of haplotypes besides the reference (pairs of haplotypes 1 and 2 per sample).</summary>
    public required int Haplotypes { get; init; }

    /// <summary>Seed of every random choice: the same options give byte-identical files. Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Chromosome name: the reference path is <c>GRCh38#0#{Chrom}</c>. Default <c>chr1</c>.</summary>
    public string Chrom { get; init; } = "chr1";

    /// <summary>Write W lines (GFA 1.1) instead of P lines (GFA 1.0).</summary>
    public bool WLines { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="RefBp"/> or <see cref="Haplotypes"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="Chrom"/> is empty, too long, or holds whitespace, <c>#</c> or non-ASCII.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(RefBp, MinRefBp, nameof(RefBp));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RefBp, MaxRefBp, nameof(RefBp));
        ArgumentOutOfRangeException.ThrowIfLessThan(Haplotypes, 1, nameof(Haplotypes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Haplotypes, MaxHaplotypes, nameof(Haplotypes));
        ArgumentException.ThrowIfNullOrEmpty(Chrom, nameof(Chrom));
        if (Chrom.Length > MaxChromLength)
            throw new ArgumentException($"chromosome name is longer than {MaxChromLength} characters", nameof(Chrom));
        foreach (char c in Chrom)
        {
            // The name goes into a tab-separated GFA field and into a PanSN path name.
            if (c <= ' ' || c == '#' || c > '~')
                throw new ArgumentException($"chromosome name '{Chrom}' must be printable ASCII without spaces or '#'", nameof(Chrom));
        }
    }
}
