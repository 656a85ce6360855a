using Pangy.Core.Formats.BubbleGunJson;

namespace Pangy.Core.Bubbles;

/// <summary>
/// Describes computed bubbles as a BubbleGun JSON document (§6.6): node ids as segment ids, full interiors (surviving
/// and compacted segments), ends as (source, sink) as bubbles.db orients them, types as bubbles.db names them, and
/// the chain-level parent fields from each chain's last bubble, as upstream fills them.
/// </summary>
/// <remarks>
/// Kept chains come first, numbered and ordered as in bubbles.db. After them come the candidate chains the reference
/// drops (circular ones, or a second chain with the same ends) and any bubbles a broken chain walk left out, with ids
/// after the written ones: they take part in choosing parents, so a re-import must see them to give the same
/// bubbles.db (it drops them again).
/// </remarks>
internal static class BubbleGunExport
{
    private static string Text(long v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static BubbleGunDocument FromComputation(BubbleComputation computation)
    {
        var input = computation.Input;
        var graph = computation.Graph;
        var set = computation.Set;
        var chains = computation.Chains;
        var resolved = computation.Resolved;
        long SegId(int node) => input.SegmentIds[graph.Graph.SegmentOf[node]];

        var docChains = new List<BubbleGunChain>();
        var docBubbles = new List<BubbleGunBubble>();
        var nodes = new List<long>();
        var scratch = new List<int>();

        void AddBubble(int b, long id, int src, int snk)
        {
            int start = nodes.Count;
            scratch.Clear();
            int prev = -1;
            foreach (int v in set.InsideOf(b))
            {
                if (v == prev) continue;
                prev = v;
                scratch.Add(graph.Graph.SegmentOf[v]);
                foreach (int m in graph.MembersOf(v)) scratch.Add(m);
            }
            scratch.Sort();
            foreach (int s in scratch) nodes.Add(input.SegmentIds[s]);
            var type = set.Kind[b] switch
            {
                BubbleKind.Simple => BubbleGunBubbleType.Simple,
                BubbleKind.Insertion => BubbleGunBubbleType.Insertion,
                _ => BubbleGunBubbleType.Super,
            };
            docBubbles.Add(new BubbleGunBubble(type, id, SegId(src), SegId(snk), start, nodes.Count - start, 0));
        }

        // Bubbles a broken walk left out of a kept chain, and the chains that were dropped.
        int candidates = chains.CandidateOffsets.Length - 1;
        var leftovers = new List<int>?[chains.ChainCount + 1];
        var dropped = new List<int>();
        for (int k = 0; k < candidates; k++)
        {
            int kept = chains.CandidateChainId[k];
            if (kept == 0) { if (chains.CandidateOf(k).Length > 0) dropped.Add(k); continue; }
            foreach (int b in chains.CandidateOf(k))
                if (chains.BubbleId[b] == 0) (leftovers[kept] ??= []).Add(b);
        }

        long nextId = chains.WrittenCount + 1;
        // Kept chains, in id order, bubbles in walk order, oriented as stored; then any left-out bubbles.
        for (int c = 1; c <= chains.ChainCount; c++)
        {
            int firstId = chains.ChainOffsets[c - 1] + 1, lastId = chains.ChainOffsets[c];
            int first = docBubbles.Count;
            for (int id = firstId; id <= lastId; id++)
                AddBubble(chains.Ordered[id - 1], id, resolved.SourceNode[id - 1], resolved.SinkNode[id - 1]);
            if (leftovers[c] is { } rest)
                foreach (int b in rest) AddBubble(b, nextId++, set.Source[b], set.Sink[b]);
            int parent = resolved.Parent[lastId - 1];
            int parentChain = parent == 0 ? 0 : chains.ChainId[chains.Ordered[parent - 1]];
            docChains.Add(new BubbleGunChain(Text(c), c, SegId(resolved.SourceNode[firstId - 1]), SegId(resolved.SinkNode[lastId - 1]),
                first, docBubbles.Count - first, parent, parentChain, 0));
        }

        long nextChain = chains.ChainCount + 1;
        foreach (int k in dropped)
        {
            var members = chains.CandidateOf(k);
            int first = docBubbles.Count;
            foreach (int b in members) AddBubble(b, nextId++, set.Source[b], set.Sink[b]);
            long chainId = nextChain++;
            docChains.Add(new BubbleGunChain(Text(chainId), chainId, SegId(set.Source[members[0]]), SegId(set.Sink[members[^1]]),
                first, docBubbles.Count - first, 0, 0, 0));
        }
        return new BubbleGunDocument(docChains, docBubbles, nodes.ToArray());
    }
}
