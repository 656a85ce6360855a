using System.Runtime.CompilerServices;
using System.Text.Json;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Skeleton;

/// <summary>
/// The graph as the skeleton stage reads it: the memory-mapped <c>segments.mmapindex/</c> (float32 layout, lengths,
/// validity) and <c>links.mmapindex/</c> (link ends and the per-segment CSR), and <c>steps.mmapindex/</c>. Nothing is
/// copied onto the heap, so a chromosome's arrays cost only the pages touched.
/// </summary>
internal sealed class SkeletonGraph : IDisposable
{
    private readonly NpyArray<float> _x1, _y1, _x2, _y2;
    private readonly NpyArray<byte> _valid;
    private readonly NpyArray<uint> _length, _gc;
    private readonly NpyArray<uint> _from, _to, _offsets, _counts, _flat;
    private readonly NpyArray<uint> _stepStarts, _stepEnds, _stepSegments;

    private SkeletonGraph(string dir)
    {
        string seg = Path.Combine(dir, "segments.mmapindex");
        string lnk = Path.Combine(dir, "links.mmapindex");
        string stp = Path.Combine(dir, "steps.mmapindex");
        var opened = new List<IDisposable>();
        NpyArray<T> Open<T>(string path) where T : unmanaged
        {
            if (!File.Exists(path)) throw new BadInputException(path, null, "missing from the chromosome directory (the chromosome build writes it)");
            var a = NpyArray<T>.Open(path);
            opened.Add(a);
            return a;
        }
        try
        {
            _x1 = Open<float>(Path.Combine(seg, "x1.npy"));
            _y1 = Open<float>(Path.Combine(seg, "y1.npy"));
            _x2 = Open<float>(Path.Combine(seg, "x2.npy"));
            _y2 = Open<float>(Path.Combine(seg, "y2.npy"));
            _valid = Open<byte>(Path.Combine(seg, "valid.npy"));
            _length = Open<uint>(Path.Combine(seg, "length.npy"));
            _gc = Open<uint>(Path.Combine(seg, "gc_count.npy"));
            _from = Open<uint>(Path.Combine(lnk, "from_ids.npy"));
            _to = Open<uint>(Path.Combine(lnk, "to_ids.npy"));
            _offsets = Open<uint>(Path.Combine(lnk, "seg_index_offsets.npy"));
            _counts = Open<uint>(Path.Combine(lnk, "seg_index_counts.npy"));
            _flat = Open<uint>(Path.Combine(lnk, "seg_index_flat.npy"));
            _stepStarts = Open<uint>(Path.Combine(stp, "starts.npy"));
            _stepEnds = Open<uint>(Path.Combine(stp, "ends.npy"));
            _stepSegments = Open<uint>(Path.Combine(stp, "segments.npy"));
        }
        catch
        {
            foreach (var a in opened) a.Dispose();
            throw;
        }

        long n = _valid.Length;
        if (_x1.Length != n || _y1.Length != n || _x2.Length != n || _y2.Length != n || _length.Length != n || _gc.Length != n)
            throw new BadInputException(seg, null, "segment arrays have different lengths");
        if (n > int.MaxValue) throw new BadInputException(seg, null, "more than 2^31 segment ids");
        if (_to.Length != _from.Length || _flat.Length != 2 * _from.Length || _offsets.Length != _counts.Length)
            throw new BadInputException(lnk, null, "link arrays have inconsistent lengths");
        if (_stepEnds.Length != _stepStarts.Length || _stepSegments.Length != _stepStarts.Length)
            throw new BadInputException(stp, null, "step arrays have different lengths");

        SegmentCount = ReadMetaInt(Path.Combine(seg, "meta.json"), "count");
        LinkCount = checked((int)_from.Length);
        Genome = ReadMetaString(Path.Combine(stp, "meta.json"), "genome");
        MaxId = (int)n - 1;
        CsrSize = (int)_offsets.Length;
        // Every link end must be a segment id: the walks below index the segment arrays with them.
        var from = _from.Span; var to = _to.Span;
        for (int i = 0; i < from.Length; i++)
            if (from[i] >= n || to[i] >= n)
                throw new BadInputException(lnk, null, $"link {i} names segment {Math.Max(from[i], to[i])}, beyond the segment arrays (max id {MaxId})");
    }

    /// <summary>Opens the arrays of the chromosome directory <paramref name="dir"/>.</summary>
    public static SkeletonGraph Open(string dir) => new(dir);

    /// <summary>Number of valid segments (<c>segments.mmapindex/meta.json</c> count).</summary>
    public int SegmentCount { get; }

    /// <summary>Number of links.</summary>
    public int LinkCount { get; }

    /// <summary>Largest segment id (arrays are indexed 0..MaxId).</summary>
    public int MaxId { get; }

    /// <summary>Size of the link CSR: segment ids 0..CsrSize-1 have link lists.</summary>
    public int CsrSize { get; }

    /// <summary>The step index's reference genome name (<c>steps.mmapindex/meta.json</c>).</summary>
    public string Genome { get; }

    public ReadOnlySpan<float> X1 => _x1.Span;
    public ReadOnlySpan<float> Y1 => _y1.Span;
    public ReadOnlySpan<float> X2 => _x2.Span;
    public ReadOnlySpan<float> Y2 => _y2.Span;
    public ReadOnlySpan<byte> Valid => _valid.Span;
    public ReadOnlySpan<uint> Lengths => _length.Span;
    public ReadOnlySpan<uint> GcCounts => _gc.Span;
    public ReadOnlySpan<uint> LinkFrom => _from.Span;
    public ReadOnlySpan<uint> LinkTo => _to.Span;
    public ReadOnlySpan<uint> StepStarts => _stepStarts.Span;
    public ReadOnlySpan<uint> StepEnds => _stepEnds.Span;
    public ReadOnlySpan<uint> StepSegments => _stepSegments.Span;

    /// <summary>True when <paramref name="id"/> is a segment of the graph.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(long id) => (ulong)id <= (ulong)MaxId && _valid.Span[(int)id] != 0;

    /// <summary>The links of <paramref name="id"/> (indices into the link arrays), in link order; empty beyond the CSR.</summary>
    public ReadOnlySpan<uint> LinksOf(int id)
    {
        if ((uint)id >= (uint)CsrSize) return default;
        uint off = _offsets.Span[id];
        return _flat.Span.Slice((int)off, (int)_counts.Span[id]);
    }

    /// <summary>
    /// The neighbours of <paramref name="id"/> as the reference's <c>get_neighbors</c> lists them: for each of its
    /// links in order, the other end (the segment itself for a self-link, twice), written into <paramref name="into"/>.
    /// </summary>
    public void NeighboursOf(int id, List<int> into)
    {
        into.Clear();
        var links = LinksOf(id);
        var from = _from.Span; var to = _to.Span;
        foreach (uint l in links) into.Add(from[(int)l] == (uint)id ? (int)to[(int)l] : (int)from[(int)l]);
    }

    /// <summary>The centroid of a segment as the reference computes it from the float32 layout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (double X, double Y) Centroid(int id) =>
        (PyNumbers.Centroid(_x1.Span[id], _x2.Span[id]), PyNumbers.Centroid(_y1.Span[id], _y2.Span[id]));

    private static int ReadMetaInt(string path, string key)
    {
        using var doc = ReadMeta(path);
        if (!doc.RootElement.TryGetProperty(key, out var v) || !v.TryGetInt32(out int n))
            throw new BadInputException(path, null, $"no integer '{key}'");
        return n;
    }

    private static string ReadMetaString(string path, string key)
    {
        using var doc = ReadMeta(path);
        if (!doc.RootElement.TryGetProperty(key, out var v) || v.ValueKind != JsonValueKind.String)
            throw new BadInputException(path, null, $"no string '{key}'");
        return v.GetString()!;
    }

    private static JsonDocument ReadMeta(string path)
    {
        if (!File.Exists(path)) throw new BadInputException(path, null, "missing from the chromosome directory (the chromosome build writes it)");
        try
        {
            var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object) { doc.Dispose(); throw new BadInputException(path, null, "not a JSON object"); }
            return doc;
        }
        catch (JsonException e)
        {
            throw new BadInputException(path, null, $"not valid JSON ({e.Message})");
        }
    }

    public void Dispose()
    {
        foreach (var a in new IDisposable[] { _x1, _y1, _x2, _y2, _valid, _length, _gc, _from, _to, _offsets, _counts, _flat, _stepStarts, _stepEnds, _stepSegments })
            a.Dispose();
    }
}
