using System.Collections.Concurrent;
using System.Text.Json;
using Pangy.Core.Datastore;
using Pangy.Core.Formats;
using Pangy.Core.Formats.PathBlocks;
using Pangy.Core.Formats.PathIndex;

namespace Pangy.Core.Query;

/// <summary>
/// A chromosome's <c>paths/</c>: <c>index.json</c> (samples in order, each with its subpaths; the list position is the
/// API's <c>index</c>), <c>sample_idx.json</c>, the subpaths' reference bp spans and their block files. Block files
/// missing from the datastore are built once per path into the server's cache folder.
/// </summary>
public sealed class PathCatalog : IDisposable
{
    private readonly string _pathsDir;
    private readonly string? _cacheDir;
    private readonly Func<ReferenceSpans> _spans;
    private readonly Dictionary<string, IReadOnlyList<PathIndexEntry>> _bySample;
    private readonly ConcurrentDictionary<string, Lazy<PathBlockReader>> _blocks = new(StringComparer.Ordinal);
    private readonly Lazy<Dictionary<string, List<(long, long)?>>?> _bpRanges;

    public PathCatalog(string chromosomeDir, string? cacheDir, Func<ReferenceSpans> spans)
    {
        var layout = new ChromosomeLayout(chromosomeDir);
        _pathsDir = layout.PathsDirectory;
        _cacheDir = cacheDir;
        _spans = spans;
        string indexPath = layout.PathIndexFile;
        if (!File.Exists(indexPath)) throw new IndexUnusableException($"{indexPath} is missing; rebuild the chromosome");
        try { Index = PathIndexDocument.ReadFile(indexPath); }
        catch (BadInputException e) { throw new IndexUnusableException($"{e.Message}; rebuild the chromosome", e); }
        if (!IndexFiles.CompatibleVersions.Contains(Index.Version))
            throw new IndexUnusableException($"{indexPath} was written by version '{Index.Version}', which this server cannot read; rebuild the chromosome");
        _bySample = new Dictionary<string, IReadOnlyList<PathIndexEntry>>(StringComparer.Ordinal);
        foreach (var (sample, entries) in Index.Samples) _bySample[sample] = entries;
        string sampleIdx = layout.SampleIndexFile;
        SampleIndex = File.Exists(sampleIdx)
            ? PathIndexDocument.ParseSampleIndex(File.ReadAllBytes(sampleIdx), sampleIdx)
            : Index.Samples.Select((s, i) => new KeyValuePair<string, int>(s.Key, i)).ToList();
        _bpRanges = new Lazy<Dictionary<string, List<(long, long)?>>?>(ReadBpRanges, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The parsed <c>index.json</c>.</summary>
    public PathIndexDocument Index { get; }

    /// <summary>Samples in <c>index.json</c> order.</summary>
    public IEnumerable<string> Samples => Index.Samples.Select(s => s.Key);

    /// <summary><c>sample_idx.json</c>: sample → bit index, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> SampleIndex { get; }

    /// <summary>True when the chromosome holds a sample of that exact name.</summary>
    public bool HasSample(string sample) => _bySample.ContainsKey(sample);

    /// <summary>The subpaths of <paramref name="sample"/>, or null when there is no such sample.</summary>
    public IReadOnlyList<PathIndexEntry>? EntriesOf(string sample) => _bySample.GetValueOrDefault(sample);

    /// <summary>Subpath <paramref name="index"/> of <paramref name="sample"/>; <see cref="NotFoundQueryException"/> otherwise.</summary>
    public PathIndexEntry Require(string sample, int index)
    {
        var entries = EntriesOf(sample) ?? throw new NotFoundQueryException($"sample '{sample}' not found");
        if (index < 0 || index >= entries.Count)
            throw new NotFoundQueryException($"sample '{sample}' has {entries.Count} path(s); index {index} is out of range");
        return entries[index];
    }

    /// <summary>The stored <c>.binpath</c> file of a subpath.</summary>
    public string BinPathFile(PathIndexEntry entry) => Path.Combine(_pathsDir, CheckFileName(entry.File, _pathsDir));

    /// <summary>The reference bp span of subpath <paramref name="index"/> of <paramref name="sample"/> (null: off the reference).</summary>
    public (long Start, long End)? BpRange(string sample, int index)
    {
        if (_bpRanges.Value is { } ranges && ranges.TryGetValue(sample, out var list) && index < list.Count) return list[index];
        return Blocks(Require(sample, index)).ReferenceSpan;
    }

    /// <summary>The block file of a subpath, opened (and built into the cache folder when the datastore has none).</summary>
    public PathBlockReader Blocks(PathIndexEntry entry)
    {
        var lazy = _blocks.GetOrAdd(entry.File, f => new Lazy<PathBlockReader>(() => OpenBlocks(f), LazyThreadSafetyMode.ExecutionAndPublication));
        try { return lazy.Value; }
        catch
        {
            _blocks.TryRemove(entry.File, out _);
            throw;
        }
    }

    private PathBlockReader OpenBlocks(string file)
    {
        file = CheckFileName(file, _pathsDir);
        string stored = Path.Combine(_pathsDir, ChromosomeLayout.PathBlocksDirectoryName, ChromosomeLayout.PathBlockName(file));
        string binpath = Path.Combine(_pathsDir, file);
        if (File.Exists(stored)) return OpenChecked(stored, binpath);
        if (!File.Exists(binpath)) throw new NotFoundQueryException($"path file '{file}' is missing from the datastore");
        string target;
        if (_cacheDir is not null)
        {
            Directory.CreateDirectory(_cacheDir);
            target = Path.Combine(_cacheDir, ChromosomeLayout.PathBlockName(file));
            if (!File.Exists(target)) PathBlockWriter.WriteFile(binpath, target, _spans());
        }
        else
        {
            target = Path.Combine(Path.GetTempPath(), ChromosomeLayout.PathBlockName("pangy-blocks-" + Guid.NewGuid().ToString("N")));
            PathBlockWriter.WriteFile(binpath, target, _spans());
        }
        return OpenChecked(target);
    }

    private static PathBlockReader OpenChecked(string path, string? binpath = null)
    {
        try { return PathBlockReader.Open(path, binpath); }
        catch (BadInputException e) { throw new IndexUnusableException($"{e.Message}; delete it to have it rebuilt", e); }
    }

    private Dictionary<string, List<(long, long)?>>? ReadBpRanges()
    {
        string path = Path.Combine(_pathsDir, ChromosomeLayout.BpRangesName);
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var result = new Dictionary<string, List<(long, long)?>>(StringComparer.Ordinal);
            foreach (var sample in doc.RootElement.EnumerateObject())
            {
                var list = new List<(long, long)?>();
                foreach (var pair in sample.Value.EnumerateArray())
                {
                    var a = pair[0];
                    var b = pair[1];
                    list.Add(a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number ? (a.GetInt64(), b.GetInt64()) : null);
                }
                result[sample.Name] = list;
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            // A damaged cache is not fatal: the spans come from the block files instead.
            return null;
        }
    }

    /// <summary>
    /// A file name from <c>index.json</c> must name a file directly inside <c>paths/</c>
    /// (<see cref="PathIndexEntry.IsSafeFileName"/>).
    /// </summary>
    public static string CheckFileName(string file, string pathsDir)
    {
        if (!PathIndexEntry.IsSafeFileName(file))
            throw new IndexUnusableException($"{pathsDir}/{ChromosomeLayout.PathIndexName} names an unsafe path file '{file}'; rebuild the chromosome");
        return file;
    }

    public void Dispose()
    {
        foreach (var lazy in _blocks.Values)
            if (lazy.IsValueCreated) lazy.Value.Dispose();
    }
}
