using Pangy.Core.Formats.Json;
using Pangy.Core.Formats.Layout;

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
/// What the junction graph reads of a chromosome: segment positions, link adjacency and bubble ownership. The skeleton
/// stage implements it over its graph, the detail-tile query over the read model.
/// </summary>
internal interface IJunctionGraphSource
{
    /// <summary>One past the largest segment id.</summary>
    int SegmentCapacity { get; }

    bool IsValid(int segment);

    /// <summary>The centroid of a valid segment as the reference computes it (<see cref="SegmentCoords.Centroid"/>).</summary>
    (double X, double Y) Centroid(int segment);

    /// <summary>The reference's <c>get_neighbors</c>: per link of the segment in link order, the other end (the segment
    /// itself for a self-link, twice), written into <paramref name="into"/>.</summary>
    void NeighboursOf(int segment, List<int> into);

    /// <summary>The reference's <c>_is_naked</c>: owned by no bubble (<c>segment_to_bubble</c> is 0), or by one that
    /// was decomposed.</summary>
    bool IsNaked(int segment);
}

/// <summary>The bypass segments of the decompositions at hand: ascending, and as a set.</summary>
internal sealed class BypassSegments
{
    private readonly SegmentBits _member;

    /// <param name="ids">The segments (repeats allowed); sorted in place.</param>
    /// <param name="storage">How membership is held.</param>
    /// <param name="capacity">One past the largest segment id; ids beyond it are listed but are not members.</param>
    public BypassSegments(List<int> ids, SegmentStorage storage, int capacity)
    {
        ids.Sort();
        _member = new SegmentBits(storage, capacity);
        var unique = new List<int>(ids.Count);
        foreach (int s in ids)
        {
            if (unique.Count > 0 && unique[^1] == s) continue;
            unique.Add(s);
            if ((uint)s < (uint)capacity) _member.Add(s);
        }
        Ids = [.. unique];
    }

    /// <summary>The segments, ascending.</summary>
    public int[] Ids { get; }

    public bool Contains(int s) => _member[s];
}

/// <summary>
/// The junction graph between chains (§7.4 step 5, the reference's <c>find_junction_graph</c>): the "naked" segments
/// (owned by no bubble, or by a decomposed one) that connect two or more chains, as nodes and links for drawing; then
/// the bypass segments merged in (<see cref="MergeBypasses"/>). The skeleton stage runs it over every entry of the
/// chromosome for <c>polychain-data.json.gz</c>, <c>/detail-tiles</c> over a tile's entries.
/// </summary>
/// <remarks>
/// Pieces are the connected components of naked non-endpoint segments, with chain endpoints as cut points. Output
/// order (the reference's follows Python set iteration): nodes and links by ascending segment id, each segment's
/// links in link order. Per-segment state is held as <see cref="SegmentStorage"/> says.
/// </remarks>
internal sealed class JunctionGraph
{
    private readonly IJunctionGraphSource _source;
    private readonly List<int> _nb = [];
    /// <summary>Per segment: index of the chain (entry id) whose endpoint it is, or -1.</summary>
    private readonly SegmentInts _endpointChain;
    // The polyline coordinate each start/end segment produced (the last entry's, as the reference's dict keeps).
    private readonly Dictionary<int, (double X, double Y)> _polylineCoord = [];

    /// <summary>Naked segments reached by two or more chains (and naked endpoints touching another chain).</summary>
    public SegmentBits NakedVisited { get; }
    public List<(double X, double Y)> Nodes { get; } = [];
    public List<JunctionLink> Links { get; } = [];

    /// <param name="source">The chromosome.</param>
    /// <param name="entries">The entries to connect, in output order.</param>
    /// <param name="suppressed">Segment pairs (<see cref="PairKey.Unordered"/>) that are never junction links: a
    /// chain's ends to the inside of its own first or last bubble (<see cref="AddSuppressed"/>).</param>
    /// <param name="storage">How per-segment state is held.</param>
    /// <param name="piecesReleased">Called once the pieces' working arrays are garbage (the skeleton stage collects
    /// them there: with dense storage they are large enough that only a full collection frees them).</param>
    public JunctionGraph(IJunctionGraphSource source, IReadOnlyList<EntrySummary> entries, SortedPairs suppressed,
        SegmentStorage storage, Action? piecesReleased = null)
    {
        _source = source;
        int n = source.SegmentCapacity;

        // Endpoints → chain (a later entry overrides), in first-seen order.
        var chainIndex = new Dictionary<string, int>();
        _endpointChain = new SegmentInts(storage, n);
        var endpoints = new List<int>();
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
        var pieceOf = new SegmentInts(storage, n);
        var pieces = new Pieces();
        var borders = new List<long>();
        var directEdges = new List<long>();
        var stack = new Stack<int>();
        foreach (int e in endpoints)
        {
            source.NeighboursOf(e, _nb);
            foreach (int nxt in _nb)
            {
                if (_endpointChain[nxt] >= 0)
                {
                    if (e != nxt) directEdges.Add(PairKey.Unordered(e, nxt));
                    continue;
                }
                if (!source.IsNaked(nxt)) continue;
                if (pieceOf[nxt] < 0) GrowPiece(nxt, pieceOf, pieces, borders, stack);
                borders.Add(Pair(e, pieceOf[nxt]));
            }
        }
        foreach (long b in borders) pieces.AddChain(Second(b), _endpointChain[First(b)]);

        NakedVisited = new SegmentBits(storage, n);
        foreach (int s in pieceOf.SetSegments)
            if (pieces.Several(pieceOf[s])) NakedVisited.Add(s);
        pieceOf = null!;
        foreach (long b in borders)
        {
            int e = First(b);
            if (source.IsNaked(e) && pieces.HasOtherThan(Second(b), _endpointChain[e])) NakedVisited.Add(e);
        }
        foreach (long pair in directEdges)
        {
            int a = First(pair), b = Second(pair);
            if (_endpointChain[a] == _endpointChain[b]) continue;
            if (source.IsNaked(a)) NakedVisited.Add(a);
            if (source.IsNaked(b)) NakedVisited.Add(b);
        }

        // Endpoints touched by another chain's flood, or by a direct endpoint–endpoint edge.
        var reached = new SegmentBits(storage, n);
        foreach (long b in borders)
            if (pieces.HasOtherThan(Second(b), _endpointChain[First(b)])) reached.Add(First(b));
        foreach (int e in endpoints) if (NakedVisited[e]) reached.Add(e);
        foreach (long pair in directEdges) { reached.Add(First(pair)); reached.Add(Second(pair)); }
        borders = null!;
        directEdges = null!;
        pieces = null!;
        piecesReleased?.Invoke();

        // Nodes: the centroids of naked segments that are not endpoints.
        foreach (int s in NakedVisited.InOrder())
            if (_endpointChain[s] < 0 && source.IsValid(s)) Nodes.Add(RoundedCentroid(s));

        // Links: from naked segments to anything drawn, then endpoint–endpoint between different chains.
        var seen = PairKey.NewSet();
        foreach (int s in NakedVisited.InOrder())
        {
            if (CoordOf(s) is not { } sp) continue;
            source.NeighboursOf(s, _nb);
            foreach (int nxt in _nb)
            {
                if (CoordOf(nxt) is not { } np) continue;
                long key = PairKey.Unordered(s, nxt);
                if (suppressed.Contains(key) || !seen.Add(key)) continue;
                Links.Add(new JunctionLink(sp, np, s, nxt));
            }
        }
        foreach (int s in reached.InOrder())
        {
            if (EndpointCoord(s) is not { } sp) continue;
            source.NeighboursOf(s, _nb);
            foreach (int nxt in _nb)
            {
                if (nxt == s || EndpointCoord(nxt) is not { } np) continue;
                if (_endpointChain[s] == _endpointChain[nxt]) continue;
                long key = PairKey.Unordered(s, nxt);
                if (suppressed.Contains(key) || !seen.Add(key)) continue;
                Links.Add(new JunctionLink(sp, np, s, nxt));
            }
        }

        void SetEndpoint(int s, int chain)
        {
            if ((uint)s >= (uint)n) return;
            if (_endpointChain[s] < 0) endpoints.Add(s);
            _endpointChain[s] = chain;
        }
    }

    /// <summary>True for a source or sink segment of an entry.</summary>
    public bool IsEndpoint(int s) => _endpointChain[s] >= 0;

    /// <summary>
    /// Adds the links the junction graph never draws for one end of an entry: from each of its end segments
    /// <paramref name="ends"/> (its source segments with its first bubble, its sink segments with its last) to each
    /// segment <paramref name="inside"/> that bubble.
    /// </summary>
    public static void AddSuppressed(List<long> pairs, ReadOnlySpan<int> ends, ReadOnlySpan<int> inside)
    {
        foreach (int s in ends)
            foreach (int ins in inside) pairs.Add(PairKey.Unordered(s, ins));
    }

    /// <summary>
    /// Bypass segments join the junction graph (the reference's bypass merge): their centroids as nodes (deduplicated
    /// by coordinate), their links to each other and to chain endpoints as links (deduplicated by coordinate pair).
    /// </summary>
    /// <param name="entries">The entries the graph was built from, for the endpoints' polyline coordinates.</param>
    /// <param name="bypass">The bypass segments.</param>
    /// <param name="bypassLinks">The bypass GFA links, in decomposition order.</param>
    public void MergeBypasses(IReadOnlyList<EntrySummary> entries, BypassSegments bypass, IReadOnlyList<(int From, int To)> bypassLinks)
    {
        if (bypass.Ids.Length == 0) return;
        // A bypass segment is drawn at its rounded centroid when it is valid.
        bool Drawn(int s) => bypass.Contains(s) && _source.IsValid(s);

        var existing = new HashSet<(double, double)>(Nodes);
        foreach (int s in bypass.Ids)
        {
            if (!_source.IsValid(s)) continue;
            var c = RoundedCentroid(s);
            if (existing.Add(c)) Nodes.Add(c);
        }
        existing = null!;
        var endpointCoords = new Dictionary<int, (double X, double Y)>();
        foreach (var e in entries)
        {
            if (e.First is not { } f || e.Last is not { } l) continue;
            if (e.StartSeg is { } ss) endpointCoords[ss] = f;
            if (e.EndSeg is { } es) endpointCoords[es] = l;
            foreach (int s in e.SourceSegs) endpointCoords.TryAdd(s, f);
            foreach (int s in e.SinkSegs) endpointCoords.TryAdd(s, l);
        }
        // Coordinate pairs already drawn, either way round: the junction graph's links (sorted, searched) and the
        // bypass links added here.
        var drawn = new CoordinatePair[Links.Count];
        for (int i = 0; i < drawn.Length; i++) drawn[i] = CoordinatePair.Of(Links[i].A, Links[i].B);
        Array.Sort(drawn);
        var added = new HashSet<CoordinatePair>();
        void Add((double X, double Y) a, (double X, double Y) b, int sa, int sb)
        {
            var key = CoordinatePair.Of(a, b);
            if (Array.BinarySearch(drawn, key) >= 0 || !added.Add(key)) return;
            Links.Add(new JunctionLink(a, b, sa, sb));
        }
        foreach (var (from, to) in bypassLinks)
            if (Drawn(from) && Drawn(to)) Add(RoundedCentroid(from), RoundedCentroid(to), from, to);
        foreach (int s in bypass.Ids)
        {
            if (!_source.IsValid(s)) continue;
            var a = RoundedCentroid(s);
            _source.NeighboursOf(s, _nb);
            foreach (int nxt in _nb)
            {
                if (bypass.Contains(nxt)) continue;
                if (endpointCoords.TryGetValue(nxt, out var b)) Add(a, b, s, nxt);
            }
        }
    }

    /// <summary>The drawing coordinate of an endpoint: its chain's polyline end, else its centroid; null for other
    /// segments.</summary>
    private (double X, double Y)? EndpointCoord(int s)
    {
        if (_endpointChain[s] < 0) return null;
        if (_polylineCoord.TryGetValue(s, out var pc)) return (PythonRound.Round(pc.X, 1), PythonRound.Round(pc.Y, 1));
        return _source.IsValid(s) ? RoundedCentroid(s) : null;
    }

    /// <summary>Where a segment is drawn in the junction graph: as an endpoint, or as a visited naked segment.</summary>
    private (double X, double Y)? CoordOf(int s)
    {
        if (EndpointCoord(s) is { } c) return c;
        return NakedVisited[s] && _source.IsValid(s) ? RoundedCentroid(s) : null;
    }

    private (double X, double Y) RoundedCentroid(int s)
    {
        var (x, y) = _source.Centroid(s);
        return (PythonRound.Round(x, 1), PythonRound.Round(y, 1));
    }

    private void GrowPiece(int start, SegmentInts pieceOf, Pieces pieces, List<long> borders, Stack<int> stack)
    {
        int idx = pieces.New();
        pieceOf[start] = idx;
        stack.Clear();
        stack.Push(start);
        var nb = new List<int>();
        while (stack.Count > 0)
        {
            int cur = stack.Pop();
            _source.NeighboursOf(cur, nb);
            foreach (int nxt in nb)
            {
                if (_endpointChain[nxt] >= 0) { borders.Add(Pair(nxt, idx)); continue; }
                if (!_source.IsNaked(nxt) || pieceOf[nxt] >= 0) continue;
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
        private int[] _first = new int[16];
        private System.Collections.BitArray _several = new(16);
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

    /// <summary>
    /// An unordered pair of drawing coordinates, smaller first in (x, y) order; equal as the reference's tuples are
    /// (0.0 equals -0.0), so one key stands for both directions.
    /// </summary>
    private readonly record struct CoordinatePair(double AX, double AY, double BX, double BY) : IComparable<CoordinatePair>
    {
        public static CoordinatePair Of((double X, double Y) a, (double X, double Y) b) =>
            Compare(a.X, a.Y, b.X, b.Y) <= 0 ? new(a.X, a.Y, b.X, b.Y) : new(b.X, b.Y, a.X, a.Y);

        private static int Compare(double ax, double ay, double bx, double by)
        {
            int c = ax.CompareTo(bx);
            return c != 0 ? c : ay.CompareTo(by);
        }

        public int CompareTo(CoordinatePair other)
        {
            int c = Compare(AX, AY, other.AX, other.AY);
            return c != 0 ? c : Compare(BX, BY, other.BX, other.BY);
        }
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
