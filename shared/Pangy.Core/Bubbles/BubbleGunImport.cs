using Pangy.Core.Formats;
using Pangy.Core.Formats.BubbleGunJson;

namespace Pangy.Core.Bubbles;

/// <summary>
/// Turns an uploaded BubbleGun JSON (§6.6) into bubbles and candidate chains over the compacted graph, checking it
/// against the graph. What is taken from the file: which bubbles exist (their two ends and interior), which chain each
/// belongs to, their order within the chain, and the source/sink order of each pair of ends. Everything else is
/// recomputed exactly as for native bubbles: compacted members, subtype (upstream's insertion test is buggy, §6.6),
/// which chains are kept and their numbering and walk, ids, parents (upstream's chain-level parents are not per
/// bubble), exclusive interiors, ranges, lengths and boxes.
/// </summary>
internal static class BubbleGunImport
{
    /// <summary>
    /// Maps every bubble onto the graph and validates it; returns the bubble set (in file order) and the file's chains
    /// as candidate chains.
    /// </summary>
    /// <exception cref="BadInputException">
    /// A node id that is not a segment of the graph; a bubble listed twice (same id, or same pair of ends); a bubble
    /// whose two ends are one node, whose interior is empty or contains one of its ends, whose source or sink has no
    /// link into the interior, or whose interior is linked to a segment outside the bubble.
    /// </exception>
    public static (BubbleSet set, int[] offsets, int[] members) ToBubbles(BubbleGunDocument document, string fileName,
        BubbleGraphInput input, CompactedGraph graph, CancellationToken cancellationToken = default)
    {
        var g = graph.Graph;
        int count = document.Bubbles.Count;
        var source = new int[count];
        var sink = new int[count];
        var insideOffsets = new int[count + 1];
        var inside = new List<int>(document.Nodes.Length);
        var kind = new BubbleKind[count];

        var firstLineById = new Dictionary<long, long>(count);
        var headByLow = new int[g.NodeCount];   // bubbles by their lower end node, to find a repeated pair of ends
        Array.Fill(headByLow, -1);
        var nextByLow = new int[count];
        var scratch = new List<int>();

        foreach (var chain in document.Chains)
        {
            // Chain ends are recomputed from the bubbles, but they must still name segments of this graph.
            SegmentIndex(chain.EndA, input, fileName, chain.Line, $"chain {chain.ChainId}: end");
            SegmentIndex(chain.EndB, input, fileName, chain.Line, $"chain {chain.ChainId}: end");
        }

        for (int i = 0; i < count; i++)
        {
            if ((i & 0x3FFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var bubble = document.Bubbles[i];
            long line = bubble.Line;
            string what = $"bubble {bubble.Id}";
            if (!firstLineById.TryAdd(bubble.Id, line))
                throw new BadInputException(fileName, line, $"{what} is listed twice (first at line {firstLineById[bubble.Id]})");

            int src = graph.NodeOfSegment[SegmentIndex(bubble.Source, input, fileName, line, $"{what}: source")];
            int snk = graph.NodeOfSegment[SegmentIndex(bubble.Sink, input, fileName, line, $"{what}: sink")];
            if (src == snk)
                throw new BadInputException(fileName, line, bubble.Source == bubble.Sink
                    ? $"{what}: source and sink are the same segment {bubble.Source}"
                    : $"{what}: source {bubble.Source} and sink {bubble.Sink} are one unitig of the graph");

            int lo = Math.Min(src, snk), hi = Math.Max(src, snk);
            for (int other = headByLow[lo]; other >= 0; other = nextByLow[other])
                if (Math.Max(source[other], sink[other]) == hi)
                    throw new BadInputException(fileName, line,
                        $"{what} has the same ends as bubble {document.Bubbles[other].Id} (line {document.Bubbles[other].Line}): a bubble listed twice");
            nextByLow[i] = headByLow[lo];
            headByLow[lo] = i;
            source[i] = src;
            sink[i] = snk;

            scratch.Clear();
            foreach (long id in document.InsideOf(bubble))
            {
                int node = graph.NodeOfSegment[SegmentIndex(id, input, fileName, line, $"{what}: inside")];
                if (node == src || node == snk)
                    throw new BadInputException(fileName, line,
                        $"{what}: interior segment {id} is part of the bubble's {(node == src ? "source" : "sink")} " +
                        $"({(node == src ? bubble.Source : bubble.Sink)}) in the graph");
                scratch.Add(node);
            }
            if (scratch.Count == 0) throw new BadInputException(fileName, line, $"{what} has an empty interior");
            scratch.Sort();
            int start = inside.Count;
            int prev = -1;
            foreach (int v in scratch) if (v != prev) { inside.Add(v); prev = v; }
            insideOffsets[i + 1] = inside.Count;
            var interior = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(inside)[start..];

            CheckAttached(g, src, interior, fileName, line, $"{what}: its source {bubble.Source}");
            CheckAttached(g, snk, interior, fileName, line, $"{what}: its sink {bubble.Sink}");
            CheckClosed(g, input, src, snk, interior, fileName, line, what);
            kind[i] = BubbleSet.Classify(g, src, snk, interior);
        }

        var offsets = new int[document.Chains.Count + 1];
        var members = new int[count];
        int w = 0;
        for (int c = 0; c < document.Chains.Count; c++)
        {
            var chain = document.Chains[c];
            for (int k = 0; k < chain.BubbleCount; k++) members[w++] = chain.FirstBubble + k;
            offsets[c + 1] = w;
        }
        var set = new BubbleSet(source, sink, insideOffsets, inside.ToArray(), kind);
        return (set, offsets, members[..w]);
    }

    private static int SegmentIndex(long id, BubbleGraphInput input, string fileName, long line, string what)
    {
        int index = input.IndexOf(id);
        if (index < 0) throw new BadInputException(fileName, line, $"{what} names segment {id}, which is not in the graph");
        return index;
    }

    // An end must reach the interior through at least one link; otherwise the file does not describe this graph.
    private static void CheckAttached(BidirectedGraph g, int end, ReadOnlySpan<int> interior, string fileName, long line, string what)
    {
        for (int side = 0; side < 2; side++)
            foreach (int t in g.Targets(end, side))
                if (interior.BinarySearch(BidirectedGraph.NodeOf(t)) >= 0) return;
        throw new BadInputException(fileName, line, $"{what} is not linked to any segment of the bubble's interior");
    }

    // A bubble's interior is only linked to itself and to the two ends.
    private static void CheckClosed(BidirectedGraph g, BubbleGraphInput input, int src, int snk, ReadOnlySpan<int> interior,
        string fileName, long line, string what)
    {
        foreach (int v in interior)
        {
            for (int side = 0; side < 2; side++)
            {
                foreach (int t in g.Targets(v, side))
                {
                    int u = BidirectedGraph.NodeOf(t);
                    if (u == src || u == snk || interior.BinarySearch(u) >= 0) continue;
                    throw new BadInputException(fileName, line,
                        $"{what}: interior segment {input.SegmentIds[g.SegmentOf[v]]} is linked to segment " +
                        $"{input.SegmentIds[g.SegmentOf[u]]}, which is outside the bubble");
                }
            }
        }
    }
}
