namespace Pangy.Core.Bubbles;

/// <summary>
/// The bidirected graph the bubble finder walks (§6.1): nodes 0..n-1, each with a START (0) and an END (1) side, and
/// per side a CSR list of the (neighbour, side of the neighbour the edge arrives at) pairs, packed into one int as
/// <c>neighbour &lt;&lt; 1 | side</c>. Each list is sorted and free of duplicates, as the reference's per-side sets
/// were. Every node also remembers which input segment it stands for (<see cref="SegmentOf"/>).
/// </summary>
internal sealed class BidirectedGraph
{
    public const int Start = 0, End = 1;

    /// <summary>The largest node count the packed (node, side) encoding allows.</summary>
    public const int MaxNodes = 1 << 30;

    private readonly int[] _off0, _off1, _tgt0, _tgt1;

    /// <summary>The input segment index each node stands for.</summary>
    public int[] SegmentOf { get; }

    public int NodeCount => SegmentOf.Length;

    private BidirectedGraph(int[] segmentOf, int[] off0, int[] tgt0, int[] off1, int[] tgt1)
    {
        SegmentOf = segmentOf;
        _off0 = off0; _tgt0 = tgt0; _off1 = off1; _tgt1 = tgt1;
    }

    public static int Pack(int node, int side) => (node << 1) | side;
    public static int NodeOf(int packed) => packed >> 1;
    public static int SideOf(int packed) => packed & 1;

    /// <summary>The packed (neighbour, neighbour side) pairs reached from <paramref name="side"/> of <paramref name="node"/>.</summary>
    public ReadOnlySpan<int> Targets(int node, int side)
    {
        var off = side == Start ? _off0 : _off1;
        var tgt = side == Start ? _tgt0 : _tgt1;
        int lo = off[node];
        return tgt.AsSpan(lo, off[node + 1] - lo);
    }

    public int Degree(int node, int side)
    {
        var off = side == Start ? _off0 : _off1;
        return off[node + 1] - off[node];
    }

    /// <summary>True when <paramref name="other"/> is a neighbour of <paramref name="node"/> on either side.</summary>
    public bool IsNeighbour(int node, int other)
    {
        foreach (int t in Targets(node, Start)) if (NodeOf(t) == other) return true;
        foreach (int t in Targets(node, End)) if (NodeOf(t) == other) return true;
        return false;
    }

    /// <summary>
    /// The graph over all input segments (node i = segment index i, ascending id). Each link adds two half-edges,
    /// as §6.1: <c>a+ b+</c> gives a.END→(b,START) and b.START→(a,END), and so on for the other strand pairs.
    /// </summary>
    public static BidirectedGraph FromInput(BubbleGraphInput input, CancellationToken cancellationToken = default)
    {
        int n = input.SegmentCount;
        if (n >= MaxNodes) throw new NotSupportedException($"{n} segments is more than the bubble stage supports ({MaxNodes})");
        int m = input.LinkCount;
        var from = new int[m];
        var to = new int[m];
        for (int k = 0; k < m; k++)
        {
            from[k] = input.IndexOf(input.LinkFromIds[k]);
            to[k] = input.IndexOf(input.LinkToIds[k]);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var segmentOf = new int[n];
        for (int i = 0; i < n; i++) segmentOf[i] = i;

        var fromFwd = input.LinkFromForward;
        var toFwd = input.LinkToForward;
        return Build(segmentOf, sink =>
        {
            for (int k = 0; k < m; k++)
            {
                int f = from[k], t = to[k];
                // Leaving a segment forward uses its END; arriving forward enters its START.
                int fSide = fromFwd[k] ? End : Start;
                int tSide = toFwd[k] ? Start : End;
                sink(f, fSide, Pack(t, tSide));
                sink(t, tSide, Pack(f, fSide));
            }
        });
    }

    /// <summary>A callback that receives half-edges: (node, side, packed target).</summary>
    internal delegate void HalfEdgeSink(int node, int side, int target);

    /// <summary>
    /// Builds the CSR from an enumeration of half-edges, which is run twice (count, then fill) so that no list of
    /// half-edges is ever materialised. Each side's list is then sorted and de-duplicated in place.
    /// </summary>
    internal static BidirectedGraph Build(int[] segmentOf, Action<HalfEdgeSink> enumerate)
    {
        int n = segmentOf.Length;
        var off0 = new int[n + 1];
        var off1 = new int[n + 1];
        enumerate((node, side, _) =>
        {
            if (side == Start) off0[node + 1]++; else off1[node + 1]++;
        });
        for (int i = 0; i < n; i++) { off0[i + 1] += off0[i]; off1[i + 1] += off1[i]; }
        var tgt0 = new int[off0[n]];
        var tgt1 = new int[off1[n]];
        var cur0 = off0.AsSpan(0, n).ToArray();
        var cur1 = off1.AsSpan(0, n).ToArray();
        enumerate((node, side, target) =>
        {
            if (side == Start) tgt0[cur0[node]++] = target; else tgt1[cur1[node]++] = target;
        });
        tgt0 = SortUnique(off0, tgt0);
        tgt1 = SortUnique(off1, tgt1);
        return new BidirectedGraph(segmentOf, off0, tgt0, off1, tgt1);
    }

    // Sorts every node's slice, drops repeats, and packs the slices to the left, rewriting the offsets.
    private static int[] SortUnique(int[] off, int[] tgt)
    {
        int n = off.Length - 1;
        int w = 0;
        int lo = off[0];
        for (int i = 0; i < n; i++)
        {
            int hi = off[i + 1];
            var slice = tgt.AsSpan(lo, hi - lo);
            slice.Sort();
            off[i] = w;
            int prev = -1;
            foreach (int t in slice)
                if (t != prev) { prev = t; tgt[w++] = t; }
            lo = hi;
        }
        off[n] = w;
        if (w != tgt.Length) Array.Resize(ref tgt, w);
        return tgt;
    }
}
