using System.Text;
using Pangy.Core.Datastore;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Json;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Formats.PathBlocks;
using Pangy.Core.Formats.PathIndex;

namespace Pangy.Core.Build;

/// <summary>
/// The build step that makes region path queries cheap: for every path of a chromosome it writes
/// <c>paths/blocks/{file}.blk</c> (<see cref="PathBlockFile"/>, version 2) and the reference's <c>paths/bp_ranges.json</c>
/// (§5.4). Each <c>.binpath</c> is rewritten with a full flush after every block (still one gzip member of the same
/// payload), so that the blocks are its own bytes and the block file only their table: the path is stored once.
/// Needs only <c>paths/</c> and <c>steps.mmapindex/</c>, so it can run right after the chromosome build, on a chromosome
/// not yet published. The query server builds missing block files itself (version 1, self-contained), once per path,
/// into its cache folder.
/// </summary>
public static class PathBlockIndex
{
    /// <summary>Writes the block files and <c>bp_ranges.json</c> of the chromosome in <paramref name="chromosomeDir"/>.</summary>
    /// <returns>The number of block files written.</returns>
    /// <exception cref="BadInputException"><c>paths/index.json</c> names a file outside <c>paths/</c>, or the step
    /// index's arrays differ in length.</exception>
    public static int Build(string chromosomeDir, CancellationToken cancellationToken = default)
    {
        var layout = new ChromosomeLayout(chromosomeDir);
        string pathsDir = layout.PathsDirectory;
        string indexPath = layout.PathIndexFile;
        var index = PathIndexDocument.ReadFile(indexPath);
        var spans = ReadReferenceSpans(layout.IndexDirectory(StepIndexLayout.Index));
        string blocksDir = layout.PathBlocksDirectory;
        Directory.CreateDirectory(blocksDir);
        var ranges = new List<KeyValuePair<string, List<(long, long)?>>>();
        int written = 0;
        foreach (var (sample, entries) in index.Samples)
        {
            var list = new List<(long, long)?>();
            foreach (var e in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!PathIndexEntry.IsSafeFileName(e.File)) throw new BadInputException(indexPath, null, $"names an unsafe path file '{e.File}'");
                list.Add(PathBlockWriter.RewriteInPlace(Path.Combine(pathsDir, e.File), Path.Combine(blocksDir, ChromosomeLayout.PathBlockName(e.File)),
                    spans, cancellationToken));
                written++;
            }
            ranges.Add(new(sample, list));
        }
        WriteBpRanges(layout.BpRangesFile, ranges);
        return written;
    }

    /// <summary>Each segment's reference bp span, from the step index the chromosome build wrote.</summary>
    private static ReferenceSpans ReadReferenceSpans(string stepsDir)
    {
        const string BuildWrites = "missing from the chromosome directory (the chromosome build writes it)";
        using var segments = IndexColumnFile<uint>.Open(stepsDir, StepIndexLayout.Segments, BuildWrites, mapNow: true);
        using var starts = IndexColumnFile<uint>.Open(stepsDir, StepIndexLayout.Starts, BuildWrites, mapNow: true);
        using var ends = IndexColumnFile<uint>.Open(stepsDir, StepIndexLayout.Ends, BuildWrites, mapNow: true);
        if (starts.Length != segments.Length || ends.Length != segments.Length)
            throw new BadInputException(stepsDir, null,
                $"{StepIndexLayout.Segments.FileName}, {StepIndexLayout.Starts.FileName} and {StepIndexLayout.Ends.FileName} differ in length");
        return ReferenceSpans.Build(segments.Span, starts.Span, ends.Span);
    }

    /// <summary><c>bp_ranges.json</c> as the reference writes it: <c>{sample: [[start, end] | [null, null], …]}</c>.</summary>
    private static void WriteBpRanges(string path, List<KeyValuePair<string, List<(long, long)?>>> ranges)
    {
        var j = new PyJson();
        j.Raw("{");
        for (int i = 0; i < ranges.Count; i++)
        {
            if (i > 0) j.ItemSep();
            j.Key(ranges[i].Key).Raw("[");
            var list = ranges[i].Value;
            for (int k = 0; k < list.Count; k++)
            {
                if (k > 0) j.ItemSep();
                if (list[k] is var (s, e)) j.Raw("[").Int(s).ItemSep().Int(e).Raw("]");
                else j.Raw("[").Null().ItemSep().Null().Raw("]");
            }
            j.Raw("]");
        }
        j.Raw("}");
        string temp = path + ".partial";
        File.WriteAllText(temp, j.ToString(), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
