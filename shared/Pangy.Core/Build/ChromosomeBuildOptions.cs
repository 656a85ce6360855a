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

    /// <summary>zlib level of the <c>.binpath</c> files.</summary>
    public int PathCompressionLevel { get; init; } = BinPathWriter.DefaultCompressionLevel;

    /// <summary>The substring that selects the reference path.</summary>
    public string ReferenceMatch => string.IsNullOrEmpty(PathMatch) ? Reference : PathMatch;
}

/// <summary>
/// An input the build reads: a display name for messages and a way to open its raw bytes (a local file, a blob).
/// It may be opened more than once (a GFA whose paths come before its segments is read twice).
/// </summary>
public sealed record InputFile(string Name, Func<CancellationToken, Stream> Open, long? Length = null)
{
    /// <summary>A local file.</summary>
    public static InputFile FromPath(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new Formats.BadInputException(path, null, "file not found");
        return new InputFile(path, _ => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), info.Length);
    }
}

/// <summary>Progress of a long build step: a phase name and, where known, how far it is.</summary>
public readonly record struct BuildProgress(string Phase, long Done, long Total);

/// <summary>What a chromosome build produced.</summary>
public sealed record ChromosomeBuildResult(
    int Segments,
    int Links,
    int Paths,
    int Samples,
    long Steps,
    int ReferenceSteps,
    string ReferencePath,
    bool Renumbered,
    TimeSpan Elapsed,
    IReadOnlyList<StageTiming> Timings);

/// <summary>
/// When a step of a stage ended, counted from the stage's start, and the process's peak resident memory by then
/// (what the reference writes to timings.tsv).
/// </summary>
public readonly record struct StageTiming(string Step, TimeSpan EndedAt, long PeakBytes)
{
    public StageTiming(string step, TimeSpan endedAt) : this(step, endedAt, Stages.PeakMemory.Bytes()) { }
}
