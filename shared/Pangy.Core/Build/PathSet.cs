using System.Text;
using Pangy.Core.Datastore;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.Gfa;
using Pangy.Core.Formats.PathIndex;

namespace Pangy.Core.Build;

/// <summary>
/// The <c>paths/</c> folder as paths stream by: one <c>.binpath</c> per P/W line, named
/// <c>{sample}__{n}.binpath</c> (§5.2), the sample bit indexes in first-appearance order, and the entries of
/// <c>index.json</c>.
/// </summary>
internal sealed class PathSet
{
    private readonly string _dir;
    private readonly int _level;
    private readonly Dictionary<string, int> _sampleIndex = new(StringComparer.Ordinal);
    private readonly List<string> _samples = [];
    private readonly List<List<PathIndexEntry>> _entries = [];

    public PathSet(string dir, int compressionLevel)
    {
        _dir = dir;
        _level = compressionLevel;
        Directory.CreateDirectory(dir);
    }

    public int Samples => _samples.Count;
    public int Paths { get; private set; }
    public long Steps { get; private set; }

    /// <summary>Registers a path and opens its file; returns the sample's bit index and the writer.</summary>
    public (int Sample, BinPathWriter Writer) Begin(GfaPathName name, PathStart start, bool isRef)
    {
        if (!_sampleIndex.TryGetValue(name.SampleName, out int sample))
        {
            sample = _samples.Count;
            _sampleIndex.Add(name.SampleName, sample);
            _samples.Add(name.SampleName);
            _entries.Add([]);
        }
        var list = _entries[sample];
        string file = ChromosomeLayout.BinPathName(name.SampleName, list.Count + 1);
        list.Add(new PathIndexEntry(file, name.FullId, name.Contig, start, null, isRef));
        Paths++;
        var fs = new FileStream(Path.Combine(_dir, file), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        return (sample, new BinPathWriter(fs, _level));
    }

    public void Completed(BinPathWriter writer)
    {
        Steps += writer.Count;
        writer.Dispose();
    }

    /// <summary>Writes <c>index.json</c> and <c>sample_idx.json</c>.</summary>
    public void WriteIndexes(CancellationToken cancellationToken = default)
    {
        var doc = new PathIndexDocument(PangyVersion.Current,
            _samples.Select((s, i) => new KeyValuePair<string, IReadOnlyList<PathIndexEntry>>(s, _entries[i])).ToList());
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(_dir, ChromosomeLayout.PathIndexName), doc.ToJson(cancellationToken), utf8);
        File.WriteAllText(Path.Combine(_dir, ChromosomeLayout.SampleIndexName), PathIndexDocument.SampleIndexJson(_samples), utf8);
    }

    public IReadOnlyList<string> SampleNames => _samples;
}
