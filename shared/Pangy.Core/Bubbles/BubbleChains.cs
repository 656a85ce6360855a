namespace Pangy.Core.Bubbles;

/// <summary>
/// Chains of bubbles and the ids they give (§6.4): every candidate chain that was offered, which of them were kept,
/// the kept ones in numbering order with their bubbles in walk order, and each bubble's id, chain and step.
/// </summary>
internal sealed class BubbleChains
{
    /// <summary>Candidate chains as offered (CSR over bubble numbers, in the order they were assembled or listed).</summary>
    public required int[] CandidateOffsets { get; init; }
    public required int[] CandidateMembers { get; init; }
    /// <summary>For each candidate, the id of the kept chain it became, or 0 when it was dropped.</summary>
    public required int[] CandidateChainId { get; init; }

    /// <summary>Number of kept chains (chain ids are 1..ChainCount).</summary>
    public int ChainCount => ChainOffsets.Length - 1;
    /// <summary>CSR over kept chains (index = chain id - 1) into <see cref="Ordered"/>.</summary>
    public required int[] ChainOffsets { get; init; }
    /// <summary>Written bubbles in id order: <c>Ordered[id - 1]</c> is the bubble number with that id.</summary>
    public required int[] Ordered { get; init; }

    /// <summary>Per bubble number: its id, or 0 when it is not written (its chain was dropped or its walk broke off).</summary>
    public required int[] BubbleId { get; init; }
    /// <summary>Per bubble number: its chain id (0 when not written).</summary>
    public required int[] ChainId { get; init; }
    /// <summary>Per bubble number: its 1-based position in the chain walk (0 when not written).</summary>
    public required int[] ChainStep { get; init; }

    public int WrittenCount => Ordered.Length;

    public ReadOnlySpan<int> CandidateOf(int c) => CandidateMembers.AsSpan(CandidateOffsets[c], CandidateOffsets[c + 1] - CandidateOffsets[c]);
    public ReadOnlySpan<int> ChainBubbles(int chainId) => Ordered.AsSpan(ChainOffsets[chainId - 1], ChainOffsets[chainId] - ChainOffsets[chainId - 1]);
}

/// <summary>Assembles bubbles into chains, keeps the well-formed ones, orders and numbers them (§6.4).</summary>
internal static class ChainAssembler
{
    /// <summary>
    /// BubbleGun's <c>connect_bubbles</c>: grow a chain from every node that ends exactly one bubble (in the order the
    /// nodes first appear among the bubbles' ends), then from any node still holding bubbles (cycles).
    /// </summary>
    /// <remarks>
    /// Where a node ends more than one bubble still unassigned (only at branch points, three or more bubbles on one
    /// node, or when starting inside a cycle), the reference takes whichever a Python set pops first; this takes the
    /// lowest-numbered one. Ordinary chains, where a node ends at most two bubbles, never reach that choice.
    /// </remarks>
    public static (int[] offsets, int[] members) Connect(BubbleSet bubbles, int nodeCount, CancellationToken cancellationToken = default)
    {
        int count = bubbles.Count;
        // at_node as slots in first-appearance order, each slot a small set of bubble numbers (ascending).
        var slotOf = new int[nodeCount];
        Array.Fill(slotOf, -1);
        var slotNode = new List<int>();
        var slotCount = new List<int>();
        for (int b = 0; b < count; b++)
        {
            foreach (int node in (ReadOnlySpan<int>)[bubbles.Source[b], bubbles.Sink[b]])
            {
                if (slotOf[node] < 0) { slotOf[node] = slotNode.Count; slotNode.Add(node); slotCount.Add(0); }
                slotCount[slotOf[node]]++;
            }
        }
        int slots = slotNode.Count;
        var slotOffsets = new int[slots + 1];
        for (int k = 0; k < slots; k++) slotOffsets[k + 1] = slotOffsets[k] + slotCount[k];
        var entries = new int[slotOffsets[slots]];
        var alive = new bool[entries.Length];
        var aliveCount = new int[slots];
        var fill = slotOffsets.AsSpan(0, slots).ToArray();
        for (int b = 0; b < count; b++)
        {
            foreach (int node in (ReadOnlySpan<int>)[bubbles.Source[b], bubbles.Sink[b]])
            {
                int slot = slotOf[node];
                entries[fill[slot]] = b;
                alive[fill[slot]++] = true;
                aliveCount[slot]++;
            }
        }

        var offsets = new List<int> { 0 };
        var members = new List<int>();

        void Build(int startNode)
        {
            int current = startNode;
            while (true)
            {
                int slot = slotOf[current];
                if (slot < 0 || aliveCount[slot] == 0) break;
                int b = -1;
                for (int e = slotOffsets[slot]; e < slotOffsets[slot + 1]; e++)
                    if (alive[e]) { alive[e] = false; aliveCount[slot]--; b = entries[e]; break; }
                members.Add(b);
                int nxt = current == bubbles.Source[b] ? bubbles.Sink[b] : bubbles.Source[b];
                int onward = slotOf[nxt];
                if (onward >= 0)
                    for (int e = slotOffsets[onward]; e < slotOffsets[onward + 1]; e++)
                        if (alive[e] && entries[e] == b) { alive[e] = false; aliveCount[onward]--; break; }
                current = nxt;
            }
            if (members.Count > offsets[^1]) offsets.Add(members.Count);
        }

        var starting = new List<int>();
        for (int k = 0; k < slots; k++) if (aliveCount[k] == 1) starting.Add(slotNode[k]);
        foreach (int node in starting)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (aliveCount[slotOf[node]] > 0) Build(node);
        }
        for (int k = 0; k < slots; k++)
            if (aliveCount[k] > 0) Build(slotNode[k]);
        return (offsets.ToArray(), members.ToArray());
    }

    /// <summary>
    /// Keeps the candidates with exactly two ends (nodes that end exactly one of the chain's bubbles), the first one
    /// for each pair of ends; numbers the kept chains by (lower end id, higher end id); walks each from its end with the
    /// higher segment id; and gives the bubbles ids 1..N in that order.
    /// </summary>
    public static BubbleChains Resolve(BubbleSet bubbles, BidirectedGraph g, BubbleGraphInput input,
        int[] candidateOffsets, int[] candidateMembers, CancellationToken cancellationToken = default)
    {
        int nodes = g.NodeCount;
        int candidates = candidateOffsets.Length - 1;
        var occurrences = new int[nodes];
        var twoEnded = new List<(int candidate, int highEnd, long lowSeg, long highSeg)>();
        long SegId(int node) => input.SegmentIds[g.SegmentOf[node]];

        for (int c = 0; c < candidates; c++)
        {
            var m = candidateMembers.AsSpan(candidateOffsets[c], candidateOffsets[c + 1] - candidateOffsets[c]);
            if (m.Length == 0) continue;
            foreach (int b in m) { occurrences[bubbles.Source[b]]++; occurrences[bubbles.Sink[b]]++; }
            int endCount = 0, e0 = -1, e1 = -1;
            foreach (int b in m)
            {
                foreach (int node in (ReadOnlySpan<int>)[bubbles.Source[b], bubbles.Sink[b]])
                {
                    if (occurrences[node] == 1)
                    {
                        endCount++;
                        if (e0 < 0) e0 = node; else e1 = node;
                    }
                }
            }
            foreach (int b in m) { occurrences[bubbles.Source[b]] = 0; occurrences[bubbles.Sink[b]] = 0; }
            if (endCount != 2) continue;    // circular or branched: dropped with its bubbles
            long s0 = SegId(e0), s1 = SegId(e1);
            if (s0 < s1) { (e0, e1) = (e1, e0); (s0, s1) = (s1, s0); }
            twoEnded.Add((c, e0, s1, s0));
        }
        // Numbering order is (lower end id, higher end id); of several chains with the same two ends only the first
        // offered is kept. Sorting with the candidate number as the last key does both without hashing the pairs.
        twoEnded.Sort((a, b) => a.lowSeg != b.lowSeg ? a.lowSeg.CompareTo(b.lowSeg)
            : a.highSeg != b.highSeg ? a.highSeg.CompareTo(b.highSeg) : a.candidate.CompareTo(b.candidate));
        var kept = new List<(int candidate, int highEnd, long lowSeg, long highSeg)>(twoEnded.Count);
        foreach (var chain in twoEnded)
            if (kept.Count == 0 || kept[^1].lowSeg != chain.lowSeg || kept[^1].highSeg != chain.highSeg) kept.Add(chain);
        cancellationToken.ThrowIfCancellationRequested();

        var candidateChainId = new int[candidates];
        var bubbleId = new int[bubbles.Count];
        var chainId = new int[bubbles.Count];
        var chainStep = new int[bubbles.Count];
        var chainOffsets = new int[kept.Count + 1];
        var ordered = new List<int>();

        // Walk scratch: per node, the chain's bubbles that end there, in member order (stamped per chain).
        var stamp = new int[nodes];
        var head = new int[nodes];
        var tail = new int[nodes];
        var entryBubble = new List<int>();
        var entryNext = new List<int>();
        var visited = new int[bubbles.Count];

        for (int k = 0; k < kept.Count; k++)
        {
            int id = k + 1;
            var (c, highEnd, _, _) = kept[k];
            candidateChainId[c] = id;
            var m = candidateMembers.AsSpan(candidateOffsets[c], candidateOffsets[c + 1] - candidateOffsets[c]);
            entryBubble.Clear(); entryNext.Clear();
            foreach (int b in m)
            {
                foreach (int node in (ReadOnlySpan<int>)[bubbles.Source[b], bubbles.Sink[b]])
                {
                    int e = entryBubble.Count;
                    entryBubble.Add(b); entryNext.Add(-1);
                    if (stamp[node] != id) { stamp[node] = id; head[node] = e; }
                    else entryNext[tail[node]] = e;
                    tail[node] = e;
                }
            }
            int current = highEnd, step = 0;
            while (step < m.Length)
            {
                int next = -1;
                for (int e = head[current]; e >= 0; e = entryNext[e])
                    if (visited[entryBubble[e]] != id) { next = entryBubble[e]; break; }
                if (next < 0) break;    // the walk breaks off; the rest of the chain is not written (as the reference)
                visited[next] = id;
                ordered.Add(next);
                step++;
                bubbleId[next] = ordered.Count;
                chainId[next] = id;
                chainStep[next] = step;
                current = current == bubbles.Source[next] ? bubbles.Sink[next] : bubbles.Source[next];
            }
            chainOffsets[k + 1] = ordered.Count;
        }

        return new BubbleChains
        {
            CandidateOffsets = candidateOffsets,
            CandidateMembers = candidateMembers,
            CandidateChainId = candidateChainId,
            ChainOffsets = chainOffsets,
            Ordered = ordered.ToArray(),
            BubbleId = bubbleId,
            ChainId = chainId,
            ChainStep = chainStep,
        };
    }
}
