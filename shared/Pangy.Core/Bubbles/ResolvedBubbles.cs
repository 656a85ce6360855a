namespace Pangy.Core.Bubbles;

/// <summary>
/// The written bubbles, indexed by id - 1: which bubble number each id is, its final source and sink nodes (after
/// the chain's source/sink correction), siblings, parent and children, and the links that attach it (decision 3).
/// </summary>
internal sealed class ResolvedBubbles
{
    public required BubbleSet Set { get; init; }
    public required BubbleChains Chains { get; init; }
    public required CompactedGraph Graph { get; init; }

    public int Count => Chains.WrittenCount;
    /// <summary>Bubble number of id i+1.</summary>
    public ReadOnlySpan<int> Number => Chains.Ordered;
    public required int[] SourceNode { get; init; }
    public required int[] SinkNode { get; init; }
    /// <summary>Previous / next bubble id in the chain walk, 0 for none (both 0 in one-bubble chains).</summary>
    public required int[] PrevSibling { get; init; }
    public required int[] NextSibling { get; init; }
    /// <summary>Parent id, 0 for none.</summary>
    public required int[] Parent { get; init; }
    /// <summary>Children ids per bubble (CSR by id - 1), in id order.</summary>
    public required int[] ChildOffsets { get; init; }
    public required int[] Children { get; init; }
    /// <summary>Attaching link indices (CSR by (id - 1) * 2 + end, end 0 = source, 1 = sink), in links.db order.</summary>
    public required int[] LinkOffsets { get; init; }
    public required int[] Links { get; init; }

    public ReadOnlySpan<int> ChildrenOf(int id) => Children.AsSpan(ChildOffsets[id - 1], ChildOffsets[id] - ChildOffsets[id - 1]);
    public ReadOnlySpan<int> LinksOf(int id, int end)
    {
        int k = (id - 1) * 2 + end;
        return Links.AsSpan(LinkOffsets[k], LinkOffsets[k + 1] - LinkOffsets[k]);
    }

    /// <summary>Puts the pieces together: orientation and siblings per chain, parents, children and attaching links.</summary>
    public static ResolvedBubbles Create(BubbleGraphInput input, CompactedGraph graph, BubbleSet set, BubbleChains chains,
        CancellationToken cancellationToken = default)
    {
        int n = chains.WrittenCount;
        var src = new int[n];
        var snk = new int[n];
        var prev = new int[n];
        var next = new int[n];
        for (int id = 1; id <= n; id++)
        {
            int b = chains.Ordered[id - 1];
            src[id - 1] = set.Source[b];
            snk[id - 1] = set.Sink[b];
        }
        for (int c = 1; c <= chains.ChainCount; c++)
        {
            int first = chains.ChainOffsets[c - 1] + 1, last = chains.ChainOffsets[c];   // ids
            if (last - first + 1 < 2) continue;   // one-bubble chains keep [null, null] and their orientation
            for (int id = first; id <= last; id++)
            {
                int i = id - 1;
                bool hasPrev = id > first, hasNext = id < last;
                prev[i] = hasPrev ? id - 1 : 0;
                next[i] = hasNext ? id + 1 : 0;
                // correct_source_sink: the sink touches the previous bubble and the source the next one -> swap.
                // (A node's segment list is non-empty and disjoint from every other node's, so the reference's
                // subset test on segment lists is a membership test on nodes.)
                bool flipSource = !hasPrev || snk[i] == src[i - 1] || snk[i] == snk[i - 1];
                bool flipSink = !hasNext || src[i] == src[i + 1] || src[i] == snk[i + 1];
                if (flipSource && flipSink) (src[i], snk[i]) = (snk[i], src[i]);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        var parentByNumber = BubbleNesting.FindParents(set, chains, graph.Graph.NodeCount, cancellationToken);
        var parent = new int[n];
        var childOffsets = new int[n + 1];
        for (int id = 1; id <= n; id++)
        {
            int p = parentByNumber[chains.Ordered[id - 1]];
            parent[id - 1] = p;
            if (p != 0) childOffsets[p]++;
        }
        for (int i = 0; i < n; i++) childOffsets[i + 1] += childOffsets[i];
        var children = new int[childOffsets[n]];
        var fill = childOffsets.AsSpan(0, n).ToArray();
        for (int id = 1; id <= n; id++)
            if (parent[id - 1] != 0) children[fill[parent[id - 1] - 1]++] = id;

        var (linkOffsets, links) = AttachingLinks(input, graph, set, chains, src, snk, cancellationToken);

        return new ResolvedBubbles
        {
            Set = set, Chains = chains, Graph = graph,
            SourceNode = src, SinkNode = snk, PrevSibling = prev, NextSibling = next,
            Parent = parent, ChildOffsets = childOffsets, Children = children,
            LinkOffsets = linkOffsets, Links = links,
        };
    }

    /// <summary>
    /// Decision 3's <c>link_data</c>: a bubble is drawn collapsed as one glyph between its source and its sink, so the
    /// links that attach it to the rest of the graph are the links between an end and the interior (the interior
    /// holds nested bubbles too). "source" lists the links between the source's segments (the node and the segments
    /// compacted into it) and any interior segment, "sink" the same for the sink; each in links.db order. A direct
    /// source–sink link (the deletion branch) touches no interior segment and is in neither list; a link inside a
    /// compacted unitig is in neither.
    /// </summary>
    private static (int[] offsets, int[] links) AttachingLinks(BubbleGraphInput input, CompactedGraph graph, BubbleSet set,
        BubbleChains chains, int[] src, int[] snk, CancellationToken cancellationToken)
    {
        int n = chains.WrittenCount;
        int nodes = graph.Graph.NodeCount;
        // The written bubbles ending at each node, as (id - 1) * 2 + end.
        var endOffsets = new int[nodes + 1];
        for (int i = 0; i < n; i++) { endOffsets[src[i] + 1]++; endOffsets[snk[i] + 1]++; }
        for (int v = 0; v < nodes; v++) endOffsets[v + 1] += endOffsets[v];
        var ends = new int[endOffsets[nodes]];
        var fill = endOffsets.AsSpan(0, nodes).ToArray();
        for (int i = 0; i < n; i++) { ends[fill[src[i]]++] = i * 2; ends[fill[snk[i]]++] = i * 2 + 1; }

        // Two passes over the links (count, then place) instead of growing lists of (key, link) pairs: on a
        // chr1-sized graph those lists and the copies left by their growth were the bubble stage's peak.
        var offsets = new int[2 * n + 1];
        ForEachAttachment(input, graph, set, chains, endOffsets, ends, (key, _) => offsets[key + 1]++, cancellationToken);
        for (int k = 0; k < 2 * n; k++) offsets[k + 1] += offsets[k];
        var links = new int[offsets[2 * n]];
        var cursor = offsets.AsSpan(0, 2 * n).ToArray();
        // Links come in links.db order, so each list keeps that order.
        ForEachAttachment(input, graph, set, chains, endOffsets, ends, (key, link) => links[cursor[key]++] = link, cancellationToken);
        return (offsets, links);
    }

    /// <summary>Calls <paramref name="attach"/> with (bubble end key, link index) for every attaching link, in links.db order.</summary>
    private static void ForEachAttachment(BubbleGraphInput input, CompactedGraph graph, BubbleSet set, BubbleChains chains,
        int[] endOffsets, int[] ends, Action<int, int> attach, CancellationToken cancellationToken)
    {
        for (int k = 0; k < input.LinkCount; k++)
        {
            if ((k & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            int a = graph.NodeOfSegment[input.IndexOf(input.LinkFromIds[k])];
            int b = graph.NodeOfSegment[input.IndexOf(input.LinkToIds[k])];
            if (a == b) continue;
            Attach(a, b, k);
            Attach(b, a, k);
        }

        void Attach(int endNode, int otherNode, int link)
        {
            for (int e = endOffsets[endNode]; e < endOffsets[endNode + 1]; e++)
            {
                int key = ends[e];
                if (set.InsideOf(chains.Ordered[key >> 1]).BinarySearch(otherNode) >= 0) attach(key, link);
            }
        }
    }
}
