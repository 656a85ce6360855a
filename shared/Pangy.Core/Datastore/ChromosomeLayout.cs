namespace Pangy.Core.Datastore;

/// <summary>
/// The files and folders of one chromosome directory, <c>graphs/{dataset}/{chromosome}/</c> — the one place their
/// names are spelled (see docs/datastore.md):
/// <code>
/// segments.db  links.db  step_index.db  bubbles.db
/// segments.mmapindex/  links.mmapindex/  steps.mmapindex/  bubbles.mmapindex/   (SegmentIndexLayout, …)
/// paths/  {sample}__{n}.binpath  index.json  sample_idx.json  bp_ranges.json  blocks/{file}.blk
/// skeleton/  polylines.bin.gz  meta.json.gz  spine-{ref}.json.gz
/// polychain.mmapindex/  polychain-data.json.gz  meta.json
/// assembly.json   (only when the dataset names its assembly)
/// </code>
/// Instances give the paths inside one directory; the constants are the relative names.
/// </summary>
public sealed class ChromosomeLayout
{
    public const string SegmentsDbName = "segments.db";
    public const string LinksDbName = "links.db";
    public const string StepIndexDbName = "step_index.db";
    public const string BubblesDbName = "bubbles.db";

    public const string PathsDirectoryName = "paths";
    /// <summary><c>paths/index.json</c>: samples and their subpaths (§5.3).</summary>
    public const string PathIndexName = "index.json";
    /// <summary><c>paths/sample_idx.json</c>: sample → bit index (§5.4).</summary>
    public const string SampleIndexName = "sample_idx.json";
    /// <summary><c>paths/bp_ranges.json</c>: each subpath's reference span.</summary>
    public const string BpRangesName = "bp_ranges.json";
    /// <summary>The extension of a compressed path under <c>paths/</c> (§5.1).</summary>
    public const string BinPathExtension = ".binpath";
    /// <summary><c>paths/blocks/</c>: the path block files (one per <c>.binpath</c>).</summary>
    public const string PathBlocksDirectoryName = "blocks";
    /// <summary>Appended to the <c>.binpath</c> file name in <c>paths/blocks/</c>.</summary>
    public const string PathBlockExtension = ".blk";

    public const string SkeletonDirectoryName = "skeleton";
    /// <summary><c>skeleton/polylines.bin.gz</c>: the grid-varint levels (§7.1–7.3).</summary>
    public const string SkeletonPolylinesName = "polylines.bin.gz";
    /// <summary><c>skeleton/meta.json.gz</c>: the skeleton's levels (§7.3).</summary>
    public const string SkeletonMetaName = "meta.json.gz";

    /// <summary>The junction graph of the polychains (§7.4).</summary>
    public const string PolychainDataName = "polychain-data.json.gz";
    /// <summary>Graph metadata (§7.6).</summary>
    public const string GraphMetaName = "meta.json";

    /// <summary>
    /// <c>assembly.json</c>: <c>{"assembly": "hg38.p12"}</c>, the genome assembly the chromosome's reference is
    /// (<see cref="ChromosomeAssemblyFile"/>); absent when none was named.
    /// </summary>
    public const string AssemblyName = "assembly.json";

    public ChromosomeLayout(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The chromosome directory.</summary>
    public string Directory { get; }

    public string SegmentsDb => Path.Combine(Directory, SegmentsDbName);
    public string LinksDb => Path.Combine(Directory, LinksDbName);
    public string StepIndexDb => Path.Combine(Directory, StepIndexDbName);
    public string BubblesDb => Path.Combine(Directory, BubblesDbName);

    /// <summary>The directory of <paramref name="index"/> in this chromosome.</summary>
    public string IndexDirectory(IndexLayout index) => index.DirectoryIn(Directory);

    /// <summary>The file of <paramref name="column"/> of <paramref name="index"/> in this chromosome.</summary>
    public string ColumnFile<T>(IndexLayout index, NpyColumn<T> column) where T : unmanaged => column.PathIn(IndexDirectory(index));

    /// <summary>The <c>meta.json</c> of <paramref name="index"/> in this chromosome.</summary>
    public string IndexMetaFile(IndexLayout index) => IndexLayout.MetaFileIn(IndexDirectory(index));

    public string PathsDirectory => Path.Combine(Directory, PathsDirectoryName);
    public string PathIndexFile => Path.Combine(PathsDirectory, PathIndexName);
    public string SampleIndexFile => Path.Combine(PathsDirectory, SampleIndexName);
    public string BpRangesFile => Path.Combine(PathsDirectory, BpRangesName);
    public string PathBlocksDirectory => Path.Combine(PathsDirectory, PathBlocksDirectoryName);

    /// <summary>
    /// The name of subpath <paramref name="number"/> (1-based, per sample) of <paramref name="sample"/> under
    /// <c>paths/</c>: <c>{sample}__{n}.binpath</c>, the sample escaped (§5.2, <see cref="FileNames.Escape"/>).
    /// </summary>
    public static string BinPathName(string sample, int number) =>
        $"{FileNames.Escape(sample)}__{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}{BinPathExtension}";

    /// <summary>The block file name of the <c>.binpath</c> named <paramref name="binPathName"/>.</summary>
    public static string PathBlockName(string binPathName) => binPathName + PathBlockExtension;

    public string SkeletonDirectory => Path.Combine(Directory, SkeletonDirectoryName);

    /// <summary><c>skeleton/meta.json.gz</c>, relative to the chromosome directory.</summary>
    public static string SkeletonMetaRelative => Path.Combine(SkeletonDirectoryName, SkeletonMetaName);

    /// <summary><c>skeleton/polylines.bin.gz</c>, relative to the chromosome directory.</summary>
    public static string SkeletonPolylinesRelative => Path.Combine(SkeletonDirectoryName, SkeletonPolylinesName);

    /// <summary>
    /// The spine's file name under <c>skeleton/</c>: <c>spine-{ref}.json.gz</c> with the reference name escaped to be
    /// file-name safe (decision 1).
    /// </summary>
    public static string SpineName(string reference) => $"spine-{FileNames.Escape(reference)}.json.gz";

    /// <summary>The reference's own spine name, <c>spine.{ref}.json.gz</c> (read, never written).</summary>
    public static string ReferenceSpineName(string reference) => $"spine.{FileNames.Escape(reference)}.json.gz";

    public string PolychainDataFile => Path.Combine(Directory, PolychainDataName);
    public string GraphMetaFile => Path.Combine(Directory, GraphMetaName);
    public string AssemblyFile => Path.Combine(Directory, AssemblyName);

    public override string ToString() => Directory;
}
