namespace Pangy.Core.Bubbles;

/// <summary>Parent finding (§6.5, the reference's <c>find_parents</c>).</summary>
internal static class BubbleNesting
{
    /// <summary>
    /// For every bubble number, the id of its parent or 0. The parent is the superbubble with the smallest node set
    /// ({source, sink} ∪ interior) that strictly contains the bubble's node set, among the superbubbles whose node set
    /// holds the bubble's source, tried largest interior first (ties in reverse discovery order). Every bubble takes
    /// part, written or not: when the tightest superbubble is one that is not written (its chain was dropped), the
    /// parent is 0, as in the reference.
    /// </summary>
    public static int[] FindParents(BubbleSet bubbles, BubbleChains chains, int nodeCount, CancellationToken cancellationToken = default)
    {
        int count = bubbles.Count;

        // Node sets, sorted and distinct: the (sorted) interior merged with the two ends.
        var setOffsets = new int[count + 1];
        var setNodes = new int[bubbles.Inside.Length + 2L * count];
        int w = 0;
        for (int b = 0; b < count; b++)
        {
            // The two ends, ascending, waiting to be merged in.
            int next = Math.Min(bubbles.Source[b], bubbles.Sink[b]), after = Math.Max(bubbles.Source[b], bubbles.Sink[b]);
            int prev = -1;
            foreach (int v in bubbles.InsideOf(b))
            {
                while (next >= 0 && next < v)
                {
                    if (next != prev) setNodes[w++] = prev = next;
                    next = after;
                    after = -1;
                }
                if (v != prev) setNodes[w++] = prev = v;
            }
            while (next >= 0)
            {
                if (next != prev) setNodes[w++] = prev = next;
                next = after;
                after = -1;
            }
            setOffsets[b + 1] = w;
        }
        ReadOnlySpan<int> SetOf(int b) => setNodes.AsSpan(setOffsets[b], setOffsets[b + 1] - setOffsets[b]);

        // Superbubbles ascending by interior size (stable), then reversed: size descending, ties by number descending.
        var supers = new List<int>();
        for (int b = 0; b < count; b++) if (bubbles.Kind[b] == BubbleKind.Super) supers.Add(b);
        supers.Sort((a, b) =>
        {
            int sa = bubbles.InsideOffsets[a + 1] - bubbles.InsideOffsets[a];
            int sb = bubbles.InsideOffsets[b + 1] - bubbles.InsideOffsets[b];
            return sa != sb ? sb.CompareTo(sa) : b.CompareTo(a);
        });

        // containing[node]: the superbubbles (in that order) whose node set holds the node. Only sources are ever
        // looked up, so only they are stored.
        var isSource = new bool[nodeCount];
        for (int b = 0; b < count; b++) isSource[bubbles.Source[b]] = true;
        var containOffsets = new int[nodeCount + 1];
        foreach (int sb in supers)
            foreach (int v in SetOf(sb))
                if (isSource[v]) containOffsets[v + 1]++;
        for (int v = 0; v < nodeCount; v++) containOffsets[v + 1] += containOffsets[v];
        var containing = new int[containOffsets[nodeCount]];
        var fill = containOffsets.AsSpan(0, nodeCount).ToArray();
        foreach (int sb in supers)
            foreach (int v in SetOf(sb))
                if (isSource[v]) containing[fill[v]++] = sb;
        cancellationToken.ThrowIfCancellationRequested();

        var parent = new int[count];
        for (int b = 0; b < count; b++)
        {
            if ((b & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var mine = SetOf(b);
            int src = bubbles.Source[b];
            int best = -1, bestSize = int.MaxValue;
            for (int k = containOffsets[src]; k < containOffsets[src + 1]; k++)
            {
                int sb = containing[k];
                if (sb == b) continue;
                int size = setOffsets[sb + 1] - setOffsets[sb];
                if (size < bestSize && mine.Length < size && IsSubset(mine, SetOf(sb)))
                {
                    best = sb;
                    bestSize = size;
                }
            }
            parent[b] = best < 0 ? 0 : chains.BubbleId[best];
        }
        return parent;
    }

    private static bool IsSubset(ReadOnlySpan<int> small, ReadOnlySpan<int> large)
    {
        foreach (int v in small)
            if (large.BinarySearch(v) < 0) return false;
        return true;
    }
}
