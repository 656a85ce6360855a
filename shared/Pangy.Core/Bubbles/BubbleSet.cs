namespace Pangy.Core.Bubbles;

/// <summary>The three bubble subtypes of §6.3, with the names bubbles.db stores.</summary>
public enum BubbleKind : byte
{
    Simple = 0,
    Insertion = 1,
    Super = 2,
}

/// <summary>
/// Bubbles over a <see cref="CompactedGraph"/>, as flat arrays indexed by bubble number b (discovery order for the
/// native finder, file order for a BubbleGun import): source and sink nodes, the full interior as a CSR list of
/// nodes (ascending), and the subtype.
/// </summary>
internal sealed class BubbleSet
{
    public BubbleSet(int[] source, int[] sink, int[] insideOffsets, int[] inside, BubbleKind[] kind)
    {
        Source = source; Sink = sink; InsideOffsets = insideOffsets; Inside = inside; Kind = kind;
    }

    public int[] Source { get; }
    public int[] Sink { get; }
    public int[] InsideOffsets { get; }
    /// <summary>Interior nodes, ascending within each bubble (a node is listed twice only if the search popped it twice).</summary>
    public int[] Inside { get; }
    public BubbleKind[] Kind { get; }

    public int Count => Source.Length;

    public ReadOnlySpan<int> InsideOf(int b) => Inside.AsSpan(InsideOffsets[b], InsideOffsets[b + 1] - InsideOffsets[b]);

    /// <summary>The subtype of a bubble from the shape of the graph around it (§6.3, BubbleGun's <c>_classify</c>).</summary>
    public static BubbleKind Classify(BidirectedGraph g, int source, int sink, ReadOnlySpan<int> inside)
    {
        const int S = BidirectedGraph.Start, E = BidirectedGraph.End;
        if (inside.Length == 2)
        {
            int a = inside[0], b = inside[1];
            if (g.Degree(a, S) == 1 && g.Degree(a, E) == 1 && g.Degree(b, S) == 1 && g.Degree(b, E) == 1 &&
                SameNeighbours(g, a, b) && !g.IsNeighbour(sink, source) && !g.IsNeighbour(source, sink))
                return BubbleKind.Simple;
        }
        else if (inside.Length == 1)
        {
            int a = inside[0];
            if (g.Degree(a, S) == 1 && g.Degree(a, E) == 1)
            {
                // neighbors(a) == sorted([source, sink]): a's two neighbours are exactly source and sink.
                int p = BidirectedGraph.NodeOf(g.Targets(a, S)[0]);
                int q = BidirectedGraph.NodeOf(g.Targets(a, E)[0]);
                if ((p == source && q == sink) || (p == sink && q == source)) return BubbleKind.Insertion;
            }
        }
        return BubbleKind.Super;
    }

    // neighbors(a) == neighbors(b) for two nodes of degree 1 on each side: the sorted pairs of neighbours agree.
    private static bool SameNeighbours(BidirectedGraph g, int a, int b)
    {
        int a0 = BidirectedGraph.NodeOf(g.Targets(a, BidirectedGraph.Start)[0]);
        int a1 = BidirectedGraph.NodeOf(g.Targets(a, BidirectedGraph.End)[0]);
        int b0 = BidirectedGraph.NodeOf(g.Targets(b, BidirectedGraph.Start)[0]);
        int b1 = BidirectedGraph.NodeOf(g.Targets(b, BidirectedGraph.End)[0]);
        if (a0 > a1) (a0, a1) = (a1, a0);
        if (b0 > b1) (b0, b1) = (b1, b0);
        return a0 == b0 && a1 == b1;
    }
}
