namespace Pangy.Core.Build;

/// <summary>What <c>pangy add</c> says about one chromosome build (the reference's argument names, §1.1).</summary>
public sealed record ChromosomeBuildOptions
{
    /// <summary><c>--ref</c>: the reference genome name; the step index's <c>genome</c> key, and the substring that finds
    /// the reference path unless <see cref="PathMatch"/> is given.</summary>
    public required string Reference { get; init; }

    /// <summary><c>--path</c>: replaces <see cref="Reference"/> as the substring that finds the reference path.</summary>
    public string? PathMatch { get; init; }

    /// <summary><c>--offset</c>: when non-zero it replaces the reference path's start (0 means "not given").</summary>
    public long Offset { get; init; }

    /// <summary><c>--sep</c>: the sample name is the part of the genome name before this character.</summary>
    public char? Separator { get; init; }

    /// <summary>
    /// <c>--assembly</c>: the genome assembly the reference is (an asset name such as <c>hg38.p12</c>, see docs/assets.md),
    /// recorded with the chromosome so that <c>/sequence</c> and <c>/chrom-sizes</c> read it for the reference's name.
    /// Null: none recorded, and the chromosome's files are exactly those of a build without it.
    /// </summary>
    public string? Assembly { get; init; }

    /// <summary>
    /// zlib level of the <c>.binpath</c> files as the build writes them. <c>pangy add</c> then rewrites every one of
    /// them with its block table (<see cref="PathBlockIndex"/>, on the core the bubble stage leaves idle, at
    /// <see cref="Formats.PathBlocks.PathBlockFile.CompressionLevel"/>), so this level decides only how long the
    /// encoding holds up the GFA pass, which is the build's critical path, and the size of the interim files: level 1
    /// (0.47 s for the chr22-sized graph's 68.7 MB of payload, against 0.83 s at level 2 and 1.10 s at level 3).
    /// </summary>
    public int PathCompressionLevel { get; init; } = 1;

    /// <summary>The substring that selects the reference path.</summary>
    public string ReferenceMatch => string.IsNullOrEmpty(PathMatch) ? Reference : PathMatch;
}
