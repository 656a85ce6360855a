using System.Text;
using Pangy.Core.Formats.Json;
using Pangy.Core.Formats.PathIndex;

namespace Pangy.Core.Query;

/// <summary>
/// The build step that makes region path queries cheap: for every path of a chromosome it writes
/// <c>paths/blocks/{file}.blk</c> (<see cref="PathBlockFile"/>) and the reference's <c>paths/bp_ranges.json</c>
/// (§5.4). Needs only <c>paths/</c> and <c>steps.mmapindex/</c>, so it can run right after the chromosome build.
/// The query server builds missing block files itself, once per path, into its cache folder.
/// </summary>
public static class PathBlockIndex
{
    /// <summary>Writes the block files and <c>bp_ranges.json</c> of the chromosome in <paramref name="chromosomeDir"/>.</summary>
    /// <returns>The number of block files written.</returns>
    public static int Build(string chromosomeDir, CancellationToken cancellationToken = default)
    {
        string pathsDir = Path.Combine(chromosomeDir, "paths");
        var index = PathIndexDocument.ReadFile(Path.Combine(pathsDir, "index.json"));
        ReferenceSpans spans;
        using (var steps = new StepIndex(chromosomeDir))
            spans = ReferenceSpans.Build(steps.Segments, steps.Starts, steps.Ends);
        string blocksDir = Path.Combine(pathsDir, PathBlockFile.DirectoryName);
        Directory.CreateDirectory(blocksDir);
        var ranges = new List<KeyValuePair<string, List<(long, long)?>>>();
        int written = 0;
        foreach (var (sample, entries) in index.Samples)
        {
            var list = new List<(long, long)?>();
            foreach (var e in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string file = PathCatalog.CheckFileName(e.File, pathsDir);
                list.Add(WriteOne(Path.Combine(pathsDir, file), Path.Combine(blocksDir, file + PathBlockFile.Extension), spans, cancellationToken));
                written++;
            }
            ranges.Add(new(sample, list));
        }
        WriteBpRanges(Path.Combine(pathsDir, "bp_ranges.json"), ranges);
        return written;
    }

    /// <summary>Writes one block file (under a temporary name, renamed when complete); returns the subpath's bp span.</summary>
    public static (long, long)? WriteOne(string binpath, string blockFile, ReferenceSpans? spans, CancellationToken cancellationToken = default)
    {
        string temp = blockFile + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".partial";
        try
        {
            (long, long)? span;
            using (var input = new FileStream(binpath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                span = PathBlockFile.Write(input, Path.GetFileName(binpath), output, spans, PathBlockFile.DefaultBlockSteps, cancellationToken);
            File.Move(temp, blockFile, overwrite: true);
            return span;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
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
