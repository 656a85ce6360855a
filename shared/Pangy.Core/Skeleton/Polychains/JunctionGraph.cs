using System.Collections;

namespace Pangy.Core.Skeleton.Polychains;

/// <summary>What the junction graph needs of one entry (the reference's pass-1 chain summary).</summary>
internal sealed record EntrySummary(
    string Id,
    int[] SourceSegs,
    int[] SinkSegs,
    int? StartSeg,
    int? EndSeg,
    (double X, double Y)? First,
    (double X, double Y)? Last);

/// <summary>A junction link: two drawing coordinates and the two segments.</summary>
internal readonly record struct JunctionLink((double X, double Y) A, (double X, double Y) B, int SegA, int SegB);

/// <summary>
/// The junction graph between chains (§7.4 step 5, the reference's <c>find_junction_graph</c>): the "naked" segments
/// (owned by no bubble, or by a decomposed one) that connect two or more chains, as nodes and links for drawing.
/// </summary>
/// <remarks>
/// Pieces are the connected components of naked non-endpoint segments, with chain endpoints as cut points. Output
/// order (the reference's follows Python set iteration): nodes and links by ascending segment id, each segment's
/// links in link order.
/// </remarks>
internal sealed class JunctionGraph
{
    private readonly SkeletonGraph _graph;
    private readonly BitArray _decomposed;
    private readonly List<int> _nb = [];

    /// <summary>Per segment: index of the chain (entry id) whose endpoint it is, or -1.</summary>
    public readonly int[] EndpointChain;
    /// <summary>Endpoint segments in first-seen order.</summary>
    public readonly List<int> Endpoints = [];
    /// <summary>Naked segments reached by two or more chains (and naked endpoints touching another chain).</summary>
    public readonly BitArray NakedVisited;
    public readonly List<(double X, double Y)> Nodes = [];
    public readonly List<JunctionLink> Links = [];
    // The polyline coordinate each start/end segment produced (the last entry's, as the reference's dict keeps).
    private readonly Dictionary<int, (double X, double Y)> _polylineCoord = [];

    /// <param name="graph">The graph.</param>
    /// <param name="entries">Every decomposed entry, in output order.</param>
    /// <param name="decomposed">Per bubble id: expanded by a decomposition (its segments count as naked).</param>
    /// <param name="suppressed">Segment pairs (<see cref="PairKey.Unordered"/>) that are never junction links: a
    /// chain's ends to the inside of its own first or last bubble.</param>
    public JunctionGraph(SkeletonGraph graph, IReadOnlyList<EntrySummary> entries, BitArray decomposed, SortedPairs suppressed)
    {
        _graph = graph;
        int n = graph.MaxId + 1;
        _decomposed = decomposed;

        // Endpoints → chain (a later entry overrides).
        var chainIndex = new Dictionary<string, int>();
        EndpointChain = new int[n];
        Array.Fill(EndpointChain, -1);
        foreach (var e in entries)
        {
            if (!chainIndex.TryGetValue(e.Id, out int ci)) chainIndex[e.Id] = ci = chainIndex.Count;
            foreach (int s in e.SourceSegs) SetEndpoint(s, ci);
            foreach (int s in e.SinkSegs) SetEndpoint(s, ci);
            if (e.First is { } f && e.Last is { } l)
            {
                if (e.StartSeg is { } ss) _polylineCoord[ss] = f;
                if (e.EndSeg is { } es) _polylineCoord[es] = l;
            }
        }
        chainIndex = null!;

        // Pieces of the naked subgraph, endpoints cutting them. Only two facts about a piece's set of bordering chains
        // are ever asked (is it one chain, which one; or more), so a piece keeps its first chain and whether another
        // was seen. Borders (endpoint, piece) and direct endpoint–endpoint edges are kept as lists: every question
        // asked of them is whether some pair qualifies, which repeats do not change.
        var pieceOf = new int[n];
        Array.Fill(pieceOf, -1);
        var pieces = new Pieces();
        var borders = new List<long>();
        var directEdges = new List<long>();
        var stack = new Stack<int>();
        foreach (int e in Endpoints)
        {
            graph.NeighboursOf(e, _nb);
            foreach (int nxt in _nb)
            {
                if (EndpointChain[nxt] >= 0)
                {
                    if (e != nxt) directEdges.Add(PairKey.Unordered(e, nxt));
                    continue;
                }
                if (!IsNaked(nxt)) continue;
                if (pieceOf[nxt] < 0) GrowPiece(nxt, pieceOf, pieces, borders, stack);
                borders.Add(Pair(e, pieceOf[nxt]));
            }
        }
        foreach (long b in borders) pieces.AddChain(Second(b), EndpointChain[First(b)]);

        NakedVisited = new BitArray(n);
        for (int s = 0; s < n; s++)
            if (pieceOf[s] >= 0 && pieces.Several(pieceOf[s])) NakedVisited[s] = true;
        pieceOf = null!;
        foreach (long b in borders)
        {
            int e = First(b);
            if (IsNaked(e) && pieces.HasOtherThan(Second(b), EndpointChain[e])) NakedVisited[e] = true;
        }
        foreach (long pair in directEdges)
        {
            int a = First(pair), b = Second(pair);
            if (EndpointChain[a] == EndpointChain[b]) continue;
            if (IsNaked(a)) NakedVisited[a] = true;
            if (IsNaked(b)) NakedVisited[b] = true;
        }

        // Endpoints touched by another chain's flood, or by a direct endpoint–endpoint edge.
        var reached = new BitArray(n);
        foreach (long b in borders)
            if (pieces.HasOtherThan(Second(b), EndpointChain[First(b)])) reached[First(b)] = true;
        foreach (int e in Endpoints) if (NakedVisited[e]) reached[e] = true;
        foreach (long pair in directEdges) { reached[First(pair)] = true; reached[Second(pair)] = true; }
        borders = null!;
        directEdges = null!;
        // The pieces are done with; their arrays are large enough that only a full collection frees them.
        SkeletonExport.CollectGarbage();

        // Nodes: the centroids of naked segments that are not endpoints.
        for (int s = 0; s < n; s++)
            if (NakedVisited[s] && EndpointChain[s] < 0 && graph.IsValid(s)) Nodes.Add(RoundedCentroid(s));

        // Links: from naked segments to anything drawn, then endpoint–endpoint between different chains.
        var seen = PairKey.NewSet();
        for (int s = 0; s < n; s++)
        {
            if (!NakedVisited[s] || CoordOf(s) is not { } sp) continue;
            graph.NeighboursOf(s, _nb);
            foreach (int nxt in _nb)
            {
                if (CoordOf(nxt) is not { } np) continue;
                long key = PairKey.Unordered(s, nxt);
                if (suppressed.Contains(key) || !seen.Add(key)) continue;
                Links.Add(new JunctionLink(sp, np, s, nxt));
            }
        }
        for (int s = 0; s < n; s++)
        {
            if (!reached[s] || EndpointCoord(s) is not { } sp) continue;
            graph.NeighboursOf(s, _nb);
            foreach (int nxt in _nb)
            {
                if (nxt == s || EndpointCoord(nxt) is not { } np) continue;
                if (EndpointChain[s] == EndpointChain[nxt]) continue;
                long key = PairKey.Unordered(s, nxt);
                if (suppressed.Contains(key) || !seen.Add(key)) continue;
                Links.Add(new JunctionLink(sp, np, s, nxt));
            }
        }

        void SetEndpoint(int s, int chain)
        {
            if ((uint)s >= (uint)n) return;
            if (EndpointChain[s] < 0) Endpoints.Add(s);
            EndpointChain[s] = chain;
        }
    }

    /// <summary>The reference's <c>_is_naked</c>: owned by no bubble, or by one that was decomposed.</summary>
    public bool IsNaked(int s)
    {
        int owner = _graph.OwnerOf(s);
        return owner == 0 || (owner < _decomposed.Length && _decomposed[owner]);
    }

    /// <summary>The drawing coordinate of an endpoint: its chain's polyline end, else its centroid; null for other
    /// segments.</summary>
    private (double X, double Y)? EndpointCoord(int s)
    {
        if (EndpointChain[s] < 0) return null;
        if (_polylineCoord.TryGetValue(s, out var pc)) return (PyNumbers.Round(pc.X, 1), PyNumbers.Round(pc.Y, 1));
        return _graph.IsValid(s) ? RoundedCentroid(s) : null;
    }

    /// <summary>Where a segment is drawn in the junction graph: as an endpoint, or as a visited naked segment.</summary>
    private (double X, double Y)? CoordOf(int s)
    {
        if (EndpointCoord(s) is { } c) return c;
        return NakedVisited[s] && _graph.IsValid(s) ? RoundedCentroid(s) : null;
    }

    private (double X, double Y) RoundedCentroid(int s)
    {
        var (x, y) = _graph.Centroid(s);
        return (PyNumbers.Round(x, 1), PyNumbers.Round(y, 1));
    }

    private void GrowPiece(int start, int[] pieceOf, Pieces pieces, List<long> borders, Stack<int> stack)
    {
        int idx = pieces.New();
        pieceOf[start] = idx;
        stack.Clear();
        stack.Push(start);
        var nb = new List<int>();
        while (stack.Count > 0)
        {
            int cur = stack.Pop();
            _graph.NeighboursOf(cur, nb);
            foreach (int nxt in nb)
            {
                if (EndpointChain[nxt] >= 0) { borders.Add(Pair(nxt, idx)); continue; }
                if (!IsNaked(nxt) || pieceOf[nxt] >= 0) continue;
                pieceOf[nxt] = idx;
                stack.Push(nxt);
            }
        }
    }

    private static long Pair(int a, int b) => ((long)a << 32) | (uint)b;
    private static int First(long pair) => (int)(pair >> 32);
    private static int Second(long pair) => (int)pair;

    /// <summary>Per piece: the first chain bordering it (-1 none) and whether a different one does too.</summary>
    private sealed class Pieces
    {
        private int[] _first = new int[1024];
        private BitArray _several = new(1024);
        private int _count;

        public int New()
        {
            if (_count == _first.Length)
            {
                Array.Resize(ref _first, 2 * _count);
                _several.Length = 2 * _count;
            }
            _first[_count] = -1;
            return _count++;
        }

        public void AddChain(int piece, int chain)
        {
            if (_first[piece] < 0) _first[piece] = chain;
            else if (_first[piece] != chain) _several[piece] = true;
        }

        /// <summary>Two or more chains border the piece.</summary>
        public bool Several(int piece) => _several[piece];

        /// <summary>Some chain other than <paramref name="chain"/> borders the piece.</summary>
        public bool HasOtherThan(int piece, int chain) => _several[piece] || (_first[piece] >= 0 && _first[piece] != chain);
    }
}

/// <summary>A set of 64-bit keys, sorted once and searched: a quarter of a hash set's memory for a fixed set.</summary>
internal sealed class SortedPairs
{
    private readonly long[] _keys;

    /// <summary>Takes <paramref name="keys"/> (repeats allowed) and sorts them in place.</summary>
    public SortedPairs(List<long> keys)
    {
        keys.Sort();
        int m = 0;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys);
        for (int i = 0; i < span.Length; i++)
            if (m == 0 || span[i] != span[m - 1]) span[m++] = span[i];
        _keys = span[..m].ToArray();
    }

    public int Count => _keys.Length;

    public bool Contains(long key) => Array.BinarySearch(_keys, key) >= 0;
}
