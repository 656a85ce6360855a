using Pangy.Core.Formats.BinPath;

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

    /// <summary>zlib level of the <c>.binpath</c> files.</summary>
    public int PathCompressionLevel { get; init; } = BinPathWriter.DefaultCompressionLevel;

    /// <summary>The substring that selects the reference path.</summary>
    public string ReferenceMatch => string.IsNullOrEmpty(PathMatch) ? Reference : PathMatch;
}
