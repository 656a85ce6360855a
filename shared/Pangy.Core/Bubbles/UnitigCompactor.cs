using Pangy.Core.Formats;

namespace Pangy.Core.Bubbles;

/// <summary>
/// The graph after unitig contraction (§6.2): each maximal unary path is one node that keeps the id, length, GC, N
/// and coordinates of its lowest-id segment (nothing is summed), plus the list of segments it absorbed.
/// </summary>
internal sealed class CompactedGraph
{
    public CompactedGraph(BidirectedGraph graph, int[] nodeOfSegment, int[] memberOffsets, int[] members)
    {
        Graph = graph; NodeOfSegment = nodeOfSegment; MemberOffsets = memberOffsets; Members = members;
    }

    /// <summary>The contracted graph; <see cref="BidirectedGraph.SegmentOf"/> gives each node's surviving segment.</summary>
    public BidirectedGraph Graph { get; }

    /// <summary>For every input segment index, the node that holds it (its own node or the one it was absorbed into).</summary>
    public int[] NodeOfSegment { get; }

    /// <summary>CSR offsets (per node) into <see cref="Members"/>.</summary>
    public int[] MemberOffsets { get; }

    /// <summary>Absorbed segment indices, ascending within each node.</summary>
    public int[] Members { get; }

    /// <summary>How many segments were absorbed.</summary>
    public int CompactedSegments => Members.Length;

    public ReadOnlySpan<int> MembersOf(int node) => Members.AsSpan(MemberOffsets[node], MemberOffsets[node + 1] - MemberOffsets[node]);
}

/// <summary>Unitig contraction exactly as the reference's flat BubbleGun port does it (§6.2).</summary>
internal static class UnitigCompactor
{
    /// <summary>
    /// Contracts every maximal unary path. Nodes are visited in ascending segment id; the first node of a path to be
    /// visited survives and absorbs the rest, walking out of its START side and then its END side.
    /// </summary>
    /// <exception cref="BadInputException">
    /// A walk comes back to where it started: the graph holds a cycle made only of unitig links (a circular
    /// component in which every segment has exactly one neighbour on each side). Such a component has no ends, so it
    /// can be neither contracted into one node nor hold a bubble; the reference stops there too (NotImplementedError).
    /// Pangy reports the first segment of the cycle and publishes nothing.
    /// </exception>
    public static CompactedGraph Compact(BidirectedGraph g, BubbleGraphInput input, CancellationToken cancellationToken = default)
    {
        int n = g.NodeCount;
        var repOf = new int[n];            // survivor that absorbed node i, or -1
        Array.Fill(repOf, -1);
        int[]? startPort = null, endPort = null;   // a survivor's outer (node, side) ports, packed; allocated on first use
        int absorbedCount = 0;

        for (int r = 0; r < n; r++)
        {
            if ((r & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (repOf[r] >= 0) continue;
            if (Contractible(g, r, BidirectedGraph.Start) < 0 && Contractible(g, r, BidirectedGraph.End) < 0) continue;
            startPort ??= new int[n];
            endPort ??= new int[n];
            for (int side = 0; side < 2; side++)
            {
                int cur = r, curSide = side;
                while (true)
                {
                    int step = Contractible(g, cur, curSide);
                    if (step < 0)
                    {
                        (side == BidirectedGraph.Start ? startPort : endPort)[r] = BidirectedGraph.Pack(cur, curSide);
                        break;
                    }
                    int j = BidirectedGraph.NodeOf(step);
                    if (j == r || repOf[j] >= 0)
                        throw new BadInputException(input.LinksSource, null,
                            $"segment {input.SegmentIds[g.SegmentOf[r]]} lies on a cycle of unitigs (a circular path in which every " +
                            "segment has exactly one neighbour on each side); such a component has no ends, so bubbles cannot be computed");
                    repOf[j] = r;
                    absorbedCount++;
                    // Continue out of the far side of the absorbed node.
                    cur = j;
                    curSide = 1 - BidirectedGraph.SideOf(step);
                }
            }
        }

        if (absorbedCount == 0)
        {
            var identity = new int[n];
            for (int i = 0; i < n; i++) identity[i] = i;
            return new CompactedGraph(g, identity, new int[n + 1], []);
        }

        // Dense renumbering of the survivors, in their original (ascending id) order.
        var newIndex = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) newIndex[i] = repOf[i] < 0 ? m++ : -1;
        var segmentOf = new int[m];
        var nodeOfSegment = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (repOf[i] < 0) segmentOf[newIndex[i]] = g.SegmentOf[i];
            nodeOfSegment[g.SegmentOf[i]] = repOf[i] < 0 ? newIndex[i] : newIndex[repOf[i]];
        }
        var memberOffsets = new int[m + 1];
        for (int i = 0; i < n; i++) if (repOf[i] >= 0) memberOffsets[newIndex[repOf[i]] + 1]++;
        for (int k = 0; k < m; k++) memberOffsets[k + 1] += memberOffsets[k];
        var members = new int[absorbedCount];
        var fill = memberOffsets.AsSpan(0, m).ToArray();
        // Ascending i gives members sorted by segment id, as the reference sorts them.
        for (int i = 0; i < n; i++) if (repOf[i] >= 0) members[fill[newIndex[repOf[i]]]++] = g.SegmentOf[i];

        // Old (node, side) port -> new (node, side). Only ports still visible from outside a unitig get an entry:
        // its interior ports have no edges to anything else by construction.
        var portMap = new int[2 * n];
        Array.Fill(portMap, -1);
        int[] sp = startPort!, ep = endPort!;
        bool IsCompactedSurvivor(int i) => repOf[i] < 0 && memberOffsets[newIndex[i] + 1] > memberOffsets[newIndex[i]];
        for (int i = 0; i < n; i++)
        {
            if (repOf[i] >= 0) continue;
            int ni = newIndex[i];
            if (IsCompactedSurvivor(i))
            {
                portMap[sp[i]] = BidirectedGraph.Pack(ni, BidirectedGraph.Start);
                portMap[ep[i]] = BidirectedGraph.Pack(ni, BidirectedGraph.End);
            }
            else
            {
                portMap[BidirectedGraph.Pack(i, BidirectedGraph.Start)] = BidirectedGraph.Pack(ni, BidirectedGraph.Start);
                portMap[BidirectedGraph.Pack(i, BidirectedGraph.End)] = BidirectedGraph.Pack(ni, BidirectedGraph.End);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        var graph = BidirectedGraph.Build(segmentOf, sink =>
        {
            for (int i = 0; i < n; i++)
            {
                if (repOf[i] >= 0) continue;
                int ni = newIndex[i];
                bool comp = IsCompactedSurvivor(i);
                for (int side = 0; side < 2; side++)
                {
                    int port = comp ? (side == 0 ? sp[i] : ep[i]) : BidirectedGraph.Pack(i, side);
                    foreach (int t in g.Targets(BidirectedGraph.NodeOf(port), BidirectedGraph.SideOf(port)))
                    {
                        int mapped = portMap[t];
                        if (mapped < 0)
                            throw new InvalidOperationException(
                                $"edge into the interior of a contracted unitig at segment {input.SegmentIds[g.SegmentOf[i]]}");
                        sink(ni, side, mapped);
                    }
                }
            }
        });
        return new CompactedGraph(graph, nodeOfSegment, memberOffsets, members);
    }

    /// <summary>
    /// The packed (node, side) reached by contracting across <paramref name="side"/> of <paramref name="i"/>, or -1:
    /// i has exactly one edge there, to some j ≠ i, and j has exactly one edge on the side it is reached at.
    /// </summary>
    private static int Contractible(BidirectedGraph g, int i, int side)
    {
        var targets = g.Targets(i, side);
        if (targets.Length != 1) return -1;
        int t = targets[0];
        int j = BidirectedGraph.NodeOf(t);
        if (j == i || g.Degree(j, BidirectedGraph.SideOf(t)) != 1) return -1;
        return t;
    }
}
