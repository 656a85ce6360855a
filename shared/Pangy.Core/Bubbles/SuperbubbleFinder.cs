namespace Pangy.Core.Bubbles;

/// <summary>
/// BubbleGun's superbubble search (<c>find_sb_alg</c>, §6.3) over a compacted graph, with the reference's bookkeeping:
/// every node is tried in index order, START before END; a bubble is keyed by its unordered pair of ends, and a later
/// find of the same pair overwrites the earlier one's source, sink and interior but keeps its list position.
/// </summary>
/// <remarks>
/// The per-search sets (seen, visited, the frontier S) are generation-stamped arrays over nodes and sides, so a search
/// costs only what it touches and nothing is allocated per node. The reference pops "an arbitrary element" of a
/// Python set for S (CPython's hash-table order); this pops the most recently added. Whether a bubble is found and
/// what it holds does not depend on that order for the superbubbles the search defines (every frontier element is
/// popped before the search can end, unless it is the sink); only the order in which interior nodes are listed
/// does, and interiors are kept sorted here, so that the bounding box's sums run in a fixed order.
/// </remarks>
internal sealed class SuperbubbleFinder
{
    private readonly BidirectedGraph _g;
    private readonly int[] _visited;    // node -> run stamp
    private readonly int[] _seen;       // packed port -> run stamp when in `seen`
    private readonly int[] _inS;        // packed port -> run stamp when in S
    private int[] _stack = new int[64];
    private int[] _inside = new int[64];
    private int _insideCount;
    private int _run;

    private SuperbubbleFinder(BidirectedGraph g)
    {
        _g = g;
        _visited = new int[g.NodeCount];
        _seen = new int[2 * g.NodeCount];
        _inS = new int[2 * g.NodeCount];
    }

    /// <summary>Finds and classifies every bubble of <paramref name="g"/>.</summary>
    public static BubbleSet Find(BidirectedGraph g, CancellationToken cancellationToken = default)
    {
        var finder = new SuperbubbleFinder(g);
        int n = g.NodeCount;

        // Growable per-bubble records; a bubble's interior is a (start, length) slice of `buffer`. An overwrite appends
        // the new interior and abandons the old slice; the final CSR is compacted at the end.
        var src = new int[16]; var snk = new int[16]; var start = new int[16]; var length = new int[16]; var next = new int[16];
        int count = 0;
        var buffer = new int[1024];
        int used = 0;
        // Bubbles listed by the lower-numbered of their two end nodes, to find a repeat of the same pair.
        var headByLow = new int[n];
        Array.Fill(headByLow, -1);

        for (int s = 0; s < n; s++)
        {
            if ((s & 0x3FFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            for (int d = 0; d < 2; d++)
            {
                int t = finder.Search(s, d);
                if (t < 0) continue;
                int lo = Math.Min(s, t), hi = Math.Max(s, t);
                int b = headByLow[lo];
                while (b >= 0 && Math.Max(src[b], snk[b]) != hi) b = next[b];
                if (b < 0)
                {
                    if (count == src.Length)
                    {
                        int size = count * 2;
                        Array.Resize(ref src, size); Array.Resize(ref snk, size); Array.Resize(ref start, size);
                        Array.Resize(ref length, size); Array.Resize(ref next, size);
                    }
                    b = count++;
                    next[b] = headByLow[lo];
                    headByLow[lo] = b;
                }
                src[b] = s;
                snk[b] = t;
                int k = finder._insideCount;
                if (used + k > buffer.Length)
                {
                    long size = Math.Max((long)buffer.Length * 2, (long)used + k);
                    Array.Resize(ref buffer, checked((int)Math.Min(size, Array.MaxLength)));
                }
                finder._inside.AsSpan(0, k).CopyTo(buffer.AsSpan(used));
                start[b] = used;
                length[b] = k;
                used += k;
            }
        }

        var offsets = new int[count + 1];
        for (int b = 0; b < count; b++) offsets[b + 1] = checked(offsets[b] + length[b]);
        var inside = new int[offsets[count]];
        var kind = new BubbleKind[count];
        for (int b = 0; b < count; b++)
        {
            var slice = inside.AsSpan(offsets[b], length[b]);
            buffer.AsSpan(start[b], length[b]).CopyTo(slice);
            slice.Sort();
            kind[b] = BubbleSet.Classify(g, src[b], snk[b], slice);
        }
        return new BubbleSet(src[..count], snk[..count], offsets, inside, kind);
    }

    /// <summary>One run of the search from side <paramref name="dir"/> of <paramref name="s"/>: the sink node, or -1.</summary>
    private int Search(int s, int dir)
    {
        int run = ++_run;
        var g = _g;
        int sp = 0;                 // S, as a stack of packed ports
        int seenCount = 1;
        _insideCount = 0;
        int first = BidirectedGraph.Pack(s, dir);
        _seen[first] = run;
        _inS[first] = run;
        _stack[sp++] = first;

        while (sp > 0)
        {
            int port = _stack[--sp];
            _inS[port] = 0;
            int v = BidirectedGraph.NodeOf(port), vd = BidirectedGraph.SideOf(port);
            _visited[v] = run;
            if (v != s) AddInside(v);
            if (_seen[port] == run) { _seen[port] = 0; seenCount--; }

            var targets = g.Targets(v, vd);
            if (targets.Length == 0) return -1;            // a tip
            foreach (int t in targets)
            {
                int u = BidirectedGraph.NodeOf(t);
                if (u == s) return -1;                      // loops back to the source
                int us = BidirectedGraph.SideOf(t);
                int far = BidirectedGraph.Pack(u, 1 - us);
                if (_seen[far] != run) { _seen[far] = run; seenCount++; }
                if (_visited[u] == run) continue;
                // u's parents are its neighbours on the side we arrive at; u is ready when all were visited.
                bool ready = true;
                foreach (int p in g.Targets(u, us))
                    if (_visited[BidirectedGraph.NodeOf(p)] != run) { ready = false; break; }
                if (ready && _inS[far] != run)
                {
                    _inS[far] = run;
                    if (sp == _stack.Length) Array.Resize(ref _stack, sp * 2);
                    _stack[sp++] = far;
                }
            }

            if (sp == 1 && seenCount == 1)
            {
                int sink = BidirectedGraph.NodeOf(_stack[0]);
                _inS[_stack[0]] = 0;
                return _insideCount == 0 ? -1 : sink;
            }
        }
        return -1;
    }

    private void AddInside(int v)
    {
        if (_insideCount == _inside.Length) Array.Resize(ref _inside, _insideCount * 2);
        _inside[_insideCount++] = v;
    }
}
