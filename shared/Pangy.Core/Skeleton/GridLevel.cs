using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pangy.Core.Skeleton;

/// <summary>
/// One level of the floor-snap cascade (§7.2): the distinct undirected edges between grid points, each with a
/// histogram {chain id: weight}, in order of first appearance. Grid points are packed as (x, y) in grid units
/// (coordinate / cell), two signed 32-bit halves of a 64-bit key; an edge is stored with its lexicographically
/// smaller end first.
/// </summary>
internal sealed class GridLevel
{
    private ulong[] _a = new ulong[1024], _b = new ulong[1024];
    private int[] _histHead = new int[1024], _histTail = new int[1024], _histLength = new int[1024];
    // Edges whose histogram grew long (coarse levels merge many chains into few edges) are looked up by (edge, chain)
    // here instead of by scanning their list, so merging stays linear.
    private const int ScanLimit = 8;
    private Dictionary<long, int>? _longHists;
    private int[] _table;
    private int _mask;
    private bool _sealed;

    // Histogram entries, a linked list per edge (most edges carry a single chain).
    private int[] _hChain = new int[1024], _hNext = new int[1024];
    private long[] _hWeight = new long[1024];
    private int _hCount;

    public GridLevel(int expectedEdges = 1024)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expectedEdges * 2));
        _table = new int[size];
        Array.Fill(_table, -1);
        _mask = size - 1;
    }

    /// <summary>Number of distinct edges.</summary>
    public int Count { get; private set; }

    /// <summary>The smaller end of edge <paramref name="e"/>.</summary>
    public ulong A(int e) => _a[e];

    /// <summary>The larger end of edge <paramref name="e"/>.</summary>
    public ulong B(int e) => _b[e];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Pack(int x, int y) => ((ulong)(uint)x << 32) | (uint)y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int X(ulong p) => (int)(p >> 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Y(ulong p) => (int)(uint)p;

    /// <summary>Python's tuple order on (x, y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessOrEqual(ulong p, ulong q)
    {
        int px = X(p), qx = X(q);
        return px < qx || (px == qx && Y(p) <= Y(q));
    }

    /// <summary>Adds <paramref name="weight"/> for <paramref name="chain"/> to the undirected edge {p, q} (p ≠ q).</summary>
    public void Add(ulong p, ulong q, int chain, long weight)
    {
        if (_sealed) throw new InvalidOperationException("the level is sealed");
        int e = Find(p, q, create: true);
        AddToHist(e, chain, weight);
    }

    /// <summary>Drops the lookup structures once the level is complete; it can then only be read, traced and coarsened.</summary>
    public void Seal()
    {
        _sealed = true;
        _table = [];
        _longHists = null;
    }

    /// <summary>The (chain, weight) entries of edge <paramref name="e"/>, in first-seen order.</summary>
    public HistEnumerator Hist(int e) => new(this, _histHead[e]);

    /// <summary>The next-coarser level: both ends floor-halved (the dyadic ladder), collapsed edges dropped, histograms merged.</summary>
    public GridLevel Coarsen()
    {
        var next = new GridLevel(Count);
        for (int e = 0; e < Count; e++)
        {
            ulong a = Half(_a[e]), b = Half(_b[e]);
            if (a == b) continue;
            int ne = next.Find(a, b, create: true);
            for (int h = _histHead[e]; h >= 0; h = _hNext[h]) next.AddToHist(ne, _hChain[h], _hWeight[h]);
        }
        next.Seal();
        return next;
    }

    // floor(v / 2) for both coordinates: snapping a multiple of cell to 2·cell with floor (exact on the dyadic ladder).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Half(ulong p) => Pack(X(p) >> 1, Y(p) >> 1);

    private void AddToHist(int e, int chain, long weight)
    {
        int found = -1;
        if (_histLength[e] <= ScanLimit)
        {
            for (int h = _histHead[e]; h >= 0; h = _hNext[h])
                if (_hChain[h] == chain) { found = h; break; }
        }
        else
        {
            if (!_longHists!.TryGetValue(((long)e << 32) | (uint)chain, out found)) found = -1;
        }
        if (found >= 0)
        {
            _hWeight[found] += weight;
            return;
        }
        if (_hCount == _hChain.Length)
        {
            int n = _hChain.Length * 2;
            Array.Resize(ref _hChain, n); Array.Resize(ref _hNext, n); Array.Resize(ref _hWeight, n);
        }
        int k = _hCount++;
        _hChain[k] = chain;
        _hWeight[k] = weight;
        // Appended at the tail, so entries keep first-seen order.
        _hNext[k] = -1;
        if (_histHead[e] < 0) _histHead[e] = k;
        else _hNext[_histTail[e]] = k;
        _histTail[e] = k;
        int length = ++_histLength[e];
        if (length == ScanLimit + 1)
        {
            _longHists ??= new Dictionary<long, int>(PairKey.Comparer);
            for (int h = _histHead[e]; h >= 0; h = _hNext[h]) _longHists[((long)e << 32) | (uint)_hChain[h]] = h;
        }
        else if (length > ScanLimit + 1)
        {
            _longHists![((long)e << 32) | (uint)chain] = k;
        }
    }

    private int Find(ulong p, ulong q, bool create)
    {
        ulong a = p, b = q;
        if (!LessOrEqual(a, b)) (a, b) = (b, a);
        int slot = (int)(Mix(a, b) & (ulong)_mask);
        while (true)
        {
            int e = _table[slot];
            if (e < 0) break;
            if (_a[e] == a && _b[e] == b) return e;
            slot = (slot + 1) & _mask;
        }
        if (!create) return -1;
        if (Count == _a.Length)
        {
            int n = _a.Length * 2;
            Array.Resize(ref _a, n); Array.Resize(ref _b, n);
            Array.Resize(ref _histHead, n); Array.Resize(ref _histTail, n); Array.Resize(ref _histLength, n);
        }
        int id = Count++;
        _a[id] = a; _b[id] = b; _histHead[id] = -1; _histTail[id] = -1; _histLength[id] = 0;
        _table[slot] = id;
        if (Count * 2 > _table.Length) Grow();
        return id;
    }

    private void Grow()
    {
        _table = new int[_table.Length * 2];
        Array.Fill(_table, -1);
        _mask = _table.Length - 1;
        for (int e = 0; e < Count; e++)
        {
            int slot = (int)(Mix(_a[e], _b[e]) & (ulong)_mask);
            while (_table[slot] >= 0) slot = (slot + 1) & _mask;
            _table[slot] = e;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix(ulong a, ulong b)
    {
        ulong h = a * 0x9E3779B97F4A7C15UL ^ BitOperations.RotateLeft(b * 0xC2B2AE3D27D4EB4FUL, 31);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>Iterates the (chain, weight) entries of one edge in first-seen order.</summary>
    public struct HistEnumerator(GridLevel level, int head)
    {
        private int _next = head;
        public (int Chain, long Weight) Current { get; private set; }
        public readonly HistEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next < 0) return false;
            Current = (level._hChain[_next], level._hWeight[_next]);
            _next = level._hNext[_next];
            return true;
        }
    }
}
