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
    public readonly bool[] NakedVisited;
    public readonly List<(double X, double Y)> Nodes = [];
    public readonly List<JunctionLink> Links = [];
    /// <summary>The drawing coordinate of each endpoint: its chain's polyline end, else its centroid.</summary>
    public readonly Dictionary<int, (double X, double Y)> EndpointCoords = [];
    private readonly Dictionary<int, (double X, double Y)> _nakedCoords = [];

    /// <param name="graph">The graph.</param>
    /// <param name="entries">Every decomposed entry, in output order.</param>
    /// <param name="decomposed">Per bubble id: expanded by a decomposition (its segments count as naked).</param>
    /// <param name="suppressed">Segment pairs (<see cref="PairKey.Unordered"/>) that are never junction links: a
    /// chain's ends to the inside of its own first or last bubble.</param>
    public JunctionGraph(SkeletonGraph graph, IReadOnlyList<EntrySummary> entries, BitArray decomposed, HashSet<long> suppressed)
    {
        _graph = graph;
        int n = graph.MaxId + 1;
        _decomposed = decomposed;

        // Endpoints → chain (a later entry overrides), and the polyline coordinate each start/end segment produced.
        var chainIndex = new Dictionary<string, int>();
        EndpointChain = new int[n];
        Array.Fill(EndpointChain, -1);
        var polylineCoord = new Dictionary<int, (double X, double Y)>();
        foreach (var e in entries)
        {
            if (!chainIndex.TryGetValue(e.Id, out int ci)) chainIndex[e.Id] = ci = chainIndex.Count;
            foreach (int s in e.SourceSegs) SetEndpoint(s, ci);
            foreach (int s in e.SinkSegs) SetEndpoint(s, ci);
            if (e.First is { } f && e.Last is { } l)
            {
                if (e.StartSeg is { } ss) polylineCoord[ss] = f;
                if (e.EndSeg is { } es) polylineCoord[es] = l;
            }
        }

        // Pieces of the naked subgraph, endpoints cutting them.
        var pieceOf = new int[n];
        Array.Fill(pieceOf, -1);
        var pieceChains = new List<HashSet<int>>();
        var borders = new Dictionary<int, HashSet<int>>(); // endpoint → bordering pieces
        var directEdges = PairKey.NewSet();
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
                if (pieceOf[nxt] < 0) GrowPiece(nxt, pieceOf, pieceChains, borders, stack);
                Border(borders, e).Add(pieceOf[nxt]);
            }
        }
        foreach (var (e, pieces) in borders)
            foreach (int p in pieces) pieceChains[p].Add(EndpointChain[e]);

        NakedVisited = new bool[n];
        for (int s = 0; s < n; s++)
            if (pieceOf[s] >= 0 && pieceChains[pieceOf[s]].Count >= 2) NakedVisited[s] = true;
        foreach (int e in Endpoints)
        {
            if (!IsNaked(e) || !borders.TryGetValue(e, out var pieces)) continue;
            int own = EndpointChain[e];
            foreach (int p in pieces)
                if (pieceChains[p].Any(c => c != own)) { NakedVisited[e] = true; break; }
        }
        foreach (long pair in directEdges)
        {
            int a = (int)(pair >> 32), b = (int)pair;
            if (EndpointChain[a] == EndpointChain[b]) continue;
            if (IsNaked(a)) NakedVisited[a] = true;
            if (IsNaked(b)) NakedVisited[b] = true;
        }

        // Endpoints touched by another chain's flood, or by a direct endpoint–endpoint edge.
        var reached = new bool[n];
        foreach (var (e, pieces) in borders)
        {
            int ce = EndpointChain[e];
            foreach (int p in pieces)
            {
                var here = pieceChains[p];
                if (here.Count > 0 && (here.Count > 1 || !here.Contains(ce))) { reached[e] = true; break; }
            }
        }
        foreach (int e in Endpoints) if (NakedVisited[e]) reached[e] = true;
        foreach (long pair in directEdges) { reached[(int)(pair >> 32)] = true; reached[(int)pair] = true; }

        // Nodes: the centroids of naked segments that are not endpoints.
        for (int s = 0; s < n; s++)
        {
            if (!NakedVisited[s] || !graph.IsValid(s)) continue;
            var c = RoundedCentroid(s);
            _nakedCoords[s] = c;
            if (EndpointChain[s] < 0) Nodes.Add(c);
        }
        for (int s = 0; s < n; s++)
        {
            if (!reached[s] && EndpointChain[s] < 0) continue;
            if (polylineCoord.TryGetValue(s, out var pc)) EndpointCoords[s] = (PyNumbers.Round(pc.X, 1), PyNumbers.Round(pc.Y, 1));
            else if (graph.IsValid(s)) EndpointCoords[s] = RoundedCentroid(s);
        }

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
            if (!reached[s] || !EndpointCoords.TryGetValue(s, out var sp)) continue;
            graph.NeighboursOf(s, _nb);
            foreach (int nxt in _nb)
            {
                if (nxt == s || !EndpointCoords.TryGetValue(nxt, out var np)) continue;
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

    private (double X, double Y)? CoordOf(int s)
    {
        if (EndpointCoords.TryGetValue(s, out var c)) return c;
        if (_nakedCoords.TryGetValue(s, out c)) return c;
        return null;
    }

    private (double X, double Y) RoundedCentroid(int s)
    {
        var (x, y) = _graph.Centroid(s);
        return (PyNumbers.Round(x, 1), PyNumbers.Round(y, 1));
    }

    private void GrowPiece(int start, int[] pieceOf, List<HashSet<int>> pieceChains, Dictionary<int, HashSet<int>> borders, Stack<int> stack)
    {
        int idx = pieceChains.Count;
        pieceChains.Add([]);
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
                if (EndpointChain[nxt] >= 0) { Border(borders, nxt).Add(idx); continue; }
                if (!IsNaked(nxt) || pieceOf[nxt] >= 0) continue;
                pieceOf[nxt] = idx;
                stack.Push(nxt);
            }
        }
    }

    private static HashSet<int> Border(Dictionary<int, HashSet<int>> borders, int e)
    {
        if (!borders.TryGetValue(e, out var set)) borders[e] = set = [];
        return set;
    }
}
