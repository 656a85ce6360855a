using Pangy.Core.Datastore;
using System.Buffers;
using System.Text.Json;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Compression;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Skeleton.Polychains;

namespace Pangy.Core.Query;

/// <summary>
/// <c>polychain.mmapindex/</c> (§4.1, §7.4): the top-level chains' layout x ranges sorted by (x1, x2, id),
/// memory-mapped, and each chain's decomposition (<c>decomp/{chain}.json.gz</c>) parsed on demand and kept in a bounded
/// cache. Also reads the reference's <c>polychains.mmapindex</c> name.
/// </summary>
public sealed class PolychainIndex : IDisposable
{
    private readonly IndexColumnFile<double> _x1, _x2;
    private readonly IndexColumnFile<long> _ids;
    private readonly double[] _prefixMaxX2;
    private readonly string _dir;
    private readonly BoundedCache<long, ChainDecomposition> _cache;

    private PolychainIndex(string dir, int cacheSize)
    {
        IndexFiles.ReadMeta(dir);
        _x1 = IndexFiles.Open(dir, PolychainIndexLayout.ChainX1);
        _x2 = IndexFiles.Open(dir, PolychainIndexLayout.ChainX2);
        _ids = IndexFiles.Open(dir, PolychainIndexLayout.ChainIds);
        if (_x2.Length != _x1.Length || _ids.Length != _x1.Length)
            throw new IndexUnusableException($"{dir}: arrays of different lengths; rebuild the chromosome's skeleton");
        _dir = dir;
        var x2 = _x2.Span;
        _prefixMaxX2 = new double[x2.Length];
        double max = double.NegativeInfinity;
        for (int i = 0; i < x2.Length; i++) { if (x2[i] > max) max = x2[i]; _prefixMaxX2[i] = max; }
        _cache = new BoundedCache<long, ChainDecomposition>(cacheSize);
    }

    /// <summary>Opens the chromosome's polychain index, or returns null when it has none.</summary>
    public static PolychainIndex? TryOpen(string chromosomeDir, int cacheSize)
    {
        foreach (var index in new[] { PolychainIndexLayout.Index, PolychainIndexLayout.ReferenceIndex })
        {
            string dir = index.DirectoryIn(chromosomeDir);
            if (Directory.Exists(dir)) return new PolychainIndex(dir, cacheSize);
        }
        return null;
    }

    /// <summary>Number of top-level chains.</summary>
    public int Count => (int)_ids.Length;

    /// <summary>
    /// The chains whose x range overlaps [<paramref name="minX"/>, <paramref name="maxX"/>], in index order: a binary
    /// search on x1 and on the running maximum of x2 (§8.3), then a check of each chain's own x2.
    /// </summary>
    public List<long> ChainsInRange(double minX, double maxX)
    {
        var x1 = _x1.Span;
        var x2 = _x2.Span;
        var ids = _ids.Span;
        int lo = 0, hi = x1.Length; // bisect_right(x1, maxX)
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (x1[mid] <= maxX) lo = mid + 1; else hi = mid; }
        int upper = lo;
        lo = 0; hi = upper; // bisect_left(prefix_max_x2, minX, 0, upper)
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (_prefixMaxX2[mid] < minX) lo = mid + 1; else hi = mid; }
        var result = new List<long>();
        for (int i = lo; i < upper; i++)
            if (x2[i] >= minX) result.Add(ids[i]);
        return result;
    }

    /// <summary>The decomposition of chain <paramref name="chain"/>, or null when it has no file.</summary>
    public ChainDecomposition? Decomposition(long chain)
    {
        if (_cache.TryGet(chain, out var d)) return d;
        string path = PolychainIndexLayout.DecompositionFile(_dir, chain);
        if (!File.Exists(path)) return null;
        d = ChainDecomposition.Read(path);
        _cache.Set(chain, d);
        return d;
    }

    public void Dispose()
    {
        _x1.Dispose(); _x2.Dispose(); _ids.Dispose();
    }
}

/// <summary>One chain's decomposition file (§7.4 item 4), parsed for the detail-tile query.</summary>
public sealed class ChainDecomposition
{
    public required IReadOnlyList<PolychainEntry> Chains { get; init; }
    /// <summary>The raw JSON of each element of <c>bubbles</c> (empty in current files).</summary>
    public required IReadOnlyList<byte[]> Bubbles { get; init; }
    public required int[] BypassSegIds { get; init; }
    public required (int A, int B)[] BypassGfaLinks { get; init; }
    public required int[] DecomposedBubbles { get; init; }

    // Keys the detail tile removes before answering (§8.3).
    private static readonly HashSet<string> InternalKeys = new(StringComparer.Ordinal)
    {
        "_layout_span", "_start_seg", "_end_seg", "_min_step", "_max_step", "_pl_x_min", "_pl_x_max", "popped", "graph",
    };

    /// <summary>Parses a <c>decomp/{chain}.json.gz</c> file.</summary>
    /// <exception cref="IndexUnusableException">The file is not a valid decomposition.</exception>
    public static ChainDecomposition Read(string path)
    {
        try
        {
            byte[] json;
            using (var fs = File.OpenRead(path))
            using (var s = InputStreams.OpenDecompressed(fs, path, out _))
            using (var ms = new MemoryStream())
            {
                s.CopyTo(ms);
                json = ms.ToArray();
            }
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var chains = new List<PolychainEntry>();
            if (root.TryGetProperty("chains", out var arr))
                foreach (var c in arr.EnumerateArray()) chains.Add(PolychainEntry.From(c, InternalKeys));
            var bubbles = new List<byte[]>();
            if (root.TryGetProperty("bubbles", out var b))
                foreach (var e in b.EnumerateArray()) bubbles.Add(System.Text.Encoding.UTF8.GetBytes(e.GetRawText()));
            var links = new List<(int, int)>();
            if (root.TryGetProperty("bypass_gfa_links", out var l))
                foreach (var pair in l.EnumerateArray()) links.Add((pair[0].GetInt32(), pair[1].GetInt32()));
            return new ChainDecomposition
            {
                Chains = chains,
                Bubbles = bubbles,
                BypassSegIds = Ints(root, "bypass_seg_ids"),
                BypassGfaLinks = links.ToArray(),
                DecomposedBubbles = Ints(root, "decomposed_bubbles"),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException or BadInputException or KeyNotFoundException)
        {
            throw new IndexUnusableException($"{path} is not a valid chain decomposition ({e.Message}); rebuild the chromosome's skeleton", e);
        }
    }

    internal static int[] Ints(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array) return [];
        var r = new int[a.GetArrayLength()];
        int i = 0;
        foreach (var e in a.EnumerateArray()) r[i++] = e.GetInt32();
        return r;
    }
}

/// <summary>
/// One polychain entry: what the queries need from it, and its JSON as the detail tile sends it (internal keys removed,
/// <c>"popped": false</c> and <c>"graph": null</c> added).
/// </summary>
public sealed class PolychainEntry
{
    public required string Id { get; init; }
    public required int[] SourceSegs { get; init; }
    public required int[] SinkSegs { get; init; }
    public required int[] BubbleIds { get; init; }
    public int? StartSeg { get; init; }
    public int? EndSeg { get; init; }
    public double? PlXMin { get; init; }
    public double? PlXMax { get; init; }
    /// <summary>First and last polyline points, when the polyline has at least two.</summary>
    public (double X, double Y)? First { get; init; }
    public (double X, double Y)? Last { get; init; }
    /// <summary>The entry's JSON object as the detail tile answers it.</summary>
    public required byte[] TileJson { get; init; }

    private EntrySummary? _summary;

    /// <summary>What the junction graph reads of the entry (made once; a racing second copy is equal).</summary>
    internal EntrySummary Summary => _summary ??= new EntrySummary(Id, SourceSegs, SinkSegs, StartSeg, EndSeg, First, Last);

    internal static PolychainEntry From(JsonElement c, HashSet<string> internalKeys)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var p in c.EnumerateObject())
            {
                if (internalKeys.Contains(p.Name)) continue;
                p.WriteTo(w);
            }
            w.WriteBoolean("popped", false);
            w.WriteNull("graph");
            w.WriteEndObject();
        }
        (double, double)? first = null, last = null;
        if (c.TryGetProperty("polyline", out var pl) && pl.ValueKind == JsonValueKind.Array && pl.GetArrayLength() >= 2)
        {
            var f = pl[0];
            var l = pl[pl.GetArrayLength() - 1];
            first = (f[0].GetDouble(), f[1].GetDouble());
            last = (l[0].GetDouble(), l[1].GetDouble());
        }
        return new PolychainEntry
        {
            Id = c.GetProperty("id").GetString() ?? "",
            SourceSegs = ChainDecomposition.Ints(c, "source_segs"),
            SinkSegs = ChainDecomposition.Ints(c, "sink_segs"),
            BubbleIds = ChainDecomposition.Ints(c, "bubble_ids"),
            StartSeg = OptInt(c, "_start_seg"),
            EndSeg = OptInt(c, "_end_seg"),
            PlXMin = OptDouble(c, "_pl_x_min"),
            PlXMax = OptDouble(c, "_pl_x_max"),
            First = first,
            Last = last,
            TileJson = buffer.WrittenSpan.ToArray(),
        };
    }

    private static int? OptInt(JsonElement c, string name) =>
        c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static double? OptDouble(JsonElement c, string name) =>
        c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
