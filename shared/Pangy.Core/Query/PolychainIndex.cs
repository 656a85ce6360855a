using Pangy.Core.Datastore;
using Pangy.Core.Formats.Compression;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Skeleton.Polychains;

namespace Pangy.Core.Query;

/// <summary>
/// <c>polychain.mmapindex/</c> (§4.1, §7.4): the top-level chains' layout x ranges sorted by (x1, x2, id),
/// memory-mapped, and each chain's decomposition (<c>decomp/{chain}.json.gz</c>) parsed on demand and kept in a cache bounded
/// by the process's <see cref="QueryMemoryBudget"/>. Also reads the reference's <c>polychains.mmapindex</c> name.
/// </summary>
public sealed class PolychainIndex : IDisposable
{
    private readonly IndexColumnFile<double> _x1, _x2;
    private readonly IndexColumnFile<long> _ids;
    private readonly double[] _prefixMaxX2;
    private readonly string _dir;
    private readonly BoundedCache<long, ChainDecomposition> _cache;

    private PolychainIndex(string dir, QueryMemoryBudget budget)
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
        _cache = new BoundedCache<long, ChainDecomposition>(budget, static d => d.EstimatedBytes);
    }

    /// <summary>Opens the chromosome's polychain index, or returns null when it has none.</summary>
    public static PolychainIndex? TryOpen(string chromosomeDir, QueryMemoryBudget budget)
    {
        foreach (var index in new[] { PolychainIndexLayout.Index, PolychainIndexLayout.ReferenceIndex })
        {
            string dir = index.DirectoryIn(chromosomeDir);
            if (Directory.Exists(dir)) return new PolychainIndex(dir, budget);
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
        _cache.Dispose();
    }
}
