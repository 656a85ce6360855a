using System.Globalization;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Skeleton.Polychains;

/// <summary>What decomposing one chain produced (the reference's decomposition dict).</summary>
internal sealed class Decomposition
{
    public List<ChainPiece> Entries = [];
    /// <summary>Bypass polylines (deletion alleles through decomposed superbubbles), rounded to 0.1.</summary>
    public List<List<(double X, double Y)>> BypassPolylines = [];
    public SortedSet<int> BypassSegIds = [];
    public List<(int From, int To)> BypassLinks = [];
    public SortedSet<int> DecomposedBubbles = [];
}

/// <summary>
/// Chain decomposition (§7.4 step 2, the reference's <c>decompose_chain</c> with threshold 100 and depth ≤ 5): a
/// chain none of whose superbubbles spans more than the threshold is one entry; otherwise every bubble with
/// children is expanded into its child chains (recursively), runs of leaf bubbles between them become connectors,
/// and each expanded superbubble is searched for a bypass through its own segments.
/// </summary>
/// <remarks>
/// Chains are assembled as the reference's <c>Chain</c> does: bubbles sorted by chain step (stable) and, for chains
/// of two or more, each re-oriented by <c>correct_source_sink</c>; the orientation sticks to the bubble, as it does to
/// the reference's cached bubble objects. Orders the reference takes from Python set iteration are made stable: a
/// bypass without a source-to-sink path is ordered by centroid x then segment id, and bypass links are listed by
/// ascending segment.
/// </remarks>
internal sealed class ChainDecomposer(SkeletonGraph graph, BubbleTable bubbles,
    double expandThreshold = ChainDecomposer.ExpandThreshold, int maxDepth = ChainDecomposer.MaxDepth)
{
    /// <summary>The reference's <c>CANONICAL_EXPAND_THRESHOLD</c>, in layout units.</summary>
    public const double ExpandThreshold = 100;
    /// <summary>The depth at which the polychain index stops expanding.</summary>
    public const int MaxDepth = 5;

    private readonly ChainPolyline _polyline = new(graph, bubbles);
    private readonly List<int> _neighbours = [];

    /// <summary>The bubbles of top-level chain <paramref name="chain"/>, assembled (sorted and oriented).</summary>
    public List<int> AssembleTopLevel(int chain)
    {
        var list = new List<int>(bubbles.ChainBubbles(chain).ToArray());
        Assemble(list);
        return list;
    }

    /// <summary>Decomposes a top-level chain (depth 0, no ancestors).</summary>
    public Decomposition DecomposeTopLevel(int chainId, List<int> chain) => Decompose(chainId, chain, 0, []);

    private Decomposition Decompose(int chainId, List<int> chain, int depth, List<PolychainAncestor> ancestors)
    {
        var result = new Decomposition();
        bool expand = depth < maxDepth && chain.Exists(b => !bubbles.Children(b).IsEmpty && bubbles.LayoutSpan(b) > expandThreshold);
        if (!expand)
        {
            var entry = _polyline.Build(chainId, chain);
            if (entry is not null)
            {
                entry.Depth = depth;
                result.Entries.Add(entry);
            }
            return result;
        }

        var leafRun = new List<int>();
        foreach (int b in chain)
        {
            if (bubbles.Children(b).IsEmpty)
            {
                leafRun.Add(b);
                continue;
            }
            FlushConnector(chainId, leafRun, depth, result);
            leafRun = [];
            result.DecomposedBubbles.Add(b);
            var childAncestors = new List<PolychainAncestor>(ancestors) { new(chainId, b, bubbles.SubtypeName(b)) };
            var group = new List<ChainPiece>();
            foreach (var (childChainId, childChain) in CreateChains(bubbles.Children(b)))
            {
                var r = Decompose(childChainId, childChain, depth + 1, childAncestors);
                foreach (var e in r.Entries) e.StampAncestors(childAncestors);
                group.AddRange(r.Entries);
                result.BypassPolylines.AddRange(r.BypassPolylines);
                result.BypassSegIds.UnionWith(r.BypassSegIds);
                result.BypassLinks.AddRange(r.BypassLinks);
                result.DecomposedBubbles.UnionWith(r.DecomposedBubbles);
            }
            FindBypass(b, result);
            result.Entries.AddRange(group);
        }
        FlushConnector(chainId, leafRun, depth, result);

        string self = "c" + chainId.ToString(CultureInfo.InvariantCulture);
        foreach (var e in result.Entries)
        {
            e.StampParent(self);
            e.StampAncestors(ancestors);
        }
        return result;
    }

    /// <summary>A run of leaf bubbles as a connector entry <c>c{chain}:{minStep}-{maxStep}</c>.</summary>
    private void FlushConnector(int chainId, List<int> run, int depth, Decomposition result)
    {
        if (run.Count == 0) return;
        Assemble(run);
        var entry = _polyline.Build(chainId, run);
        if (entry is null) return;
        entry.Id = string.Create(CultureInfo.InvariantCulture, $"c{chainId}:{entry.MinStep}-{entry.MaxStep}");
        entry.Depth = depth;
        entry.Connector = true;
        result.Entries.Add(entry);
    }

    /// <summary>
    /// The reference's <c>create_chains</c>: the given bubbles grouped by chain in order of first appearance, each
    /// chain completed with the rest of its bubbles, then assembled.
    /// </summary>
    private List<(int ChainId, List<int> Bubbles)> CreateChains(ReadOnlySpan<int> ids)
    {
        var chains = new List<(int ChainId, List<int> Bubbles)>();
        foreach (int b in ids)
        {
            if ((uint)b > (uint)bubbles.MaxId || !bubbles.Exists[b]) continue;
            int c = bubbles.Chain[b];
            int k = chains.FindIndex(x => x.ChainId == c);
            if (k < 0) chains.Add((c, [b])); else chains[k].Bubbles.Add(b);
        }
        foreach (var (c, list) in chains)
        {
            var present = new HashSet<int>(list);
            foreach (int b in bubbles.ChainBubbles(c)) if (!present.Contains(b)) list.Add(b);
            Assemble(list);
        }
        return chains;
    }

    /// <summary>
    /// The reference's <c>Chain</c> constructor: for two or more bubbles, a stable sort by chain step, then each bubble
    /// flipped when both its ends point the wrong way (<c>correct_source_sink</c>).
    /// </summary>
    private void Assemble(List<int> chain)
    {
        if (chain.Count < 2) return;
        var keyed = new List<(int Step, int Index, int Bubble)>(chain.Count);
        for (int i = 0; i < chain.Count; i++) keyed.Add((bubbles.ChainStep(chain[i]), i, chain[i]));
        keyed.Sort();
        for (int i = 0; i < chain.Count; i++) chain[i] = keyed[i].Bubble;
        for (int i = 0; i < chain.Count; i++)
        {
            int prev = i > 0 ? chain[i - 1] : -1, next = i + 1 < chain.Count ? chain[i + 1] : -1;
            bool flipSource = prev < 0 || SubsetOfEnds(bubbles.Sink(chain[i]), prev);
            bool flipSink = next < 0 || SubsetOfEnds(bubbles.Source(chain[i]), next);
            if (flipSource && flipSink) bubbles.SwapEnds(chain[i]);
        }
    }

    private bool SubsetOfEnds(ReadOnlySpan<int> segs, int other)
    {
        var src = bubbles.Source(other);
        var snk = bubbles.Sink(other);
        foreach (int s in segs)
            if (!src.Contains(s) && !snk.Contains(s)) return false;
        return true;
    }

    /// <summary>
    /// The reference's <c>_find_bypass</c>: the superbubble's own segments (ends and inside minus everything its
    /// children hold), flooded breadth-first from each source segment among them.
    /// </summary>
    private void FindBypass(int b, Decomposition result)
    {
        var childSegs = new HashSet<int>();
        foreach (int c in bubbles.Children(b))
        {
            if ((uint)c > (uint)bubbles.MaxId || !bubbles.Exists[c]) continue;
            foreach (int s in bubbles.Source(c)) childSegs.Add(s);
            foreach (int s in bubbles.Sink(c)) childSegs.Add(s);
            foreach (int s in bubbles.Inside(c)) childSegs.Add(s);
        }
        var naked = new HashSet<int>();
        foreach (int s in bubbles.Source(b)) if (!childSegs.Contains(s)) naked.Add(s);
        foreach (int s in bubbles.Sink(b)) if (!childSegs.Contains(s)) naked.Add(s);
        foreach (int s in bubbles.Inside(b)) if (!childSegs.Contains(s)) naked.Add(s);
        if (naked.Count == 0) return;

        var sinks = new HashSet<int>(bubbles.Sink(b).ToArray());
        var all = new HashSet<int>();
        List<int>? firstPath = null;
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        foreach (int src in bubbles.Source(b))
        {
            if (!naked.Contains(src)) continue;
            parent.Clear();
            parent[src] = -1;
            queue.Clear();
            queue.Enqueue(src);
            while (queue.Count > 0)
            {
                int cur = queue.Dequeue();
                graph.NeighboursOf(cur, _neighbours);
                foreach (int nxt in _neighbours)
                {
                    if (parent.ContainsKey(nxt) || !naked.Contains(nxt)) continue;
                    parent[nxt] = cur;
                    if (firstPath is null && sinks.Contains(nxt)) firstPath = PathTo(nxt, parent);
                    queue.Enqueue(nxt);
                }
            }
            all.UnionWith(parent.Keys);
        }
        if (all.Count == 0) return;

        var sorted = all.ToList();
        sorted.Sort();
        IEnumerable<int> order = firstPath ?? sorted
            .Select(s => (X: graph.IsValid(s) ? graph.Centroid(s).X : 0.0, Id: s))
            .OrderBy(p => p.X).ThenBy(p => p.Id).Select(p => p.Id);
        var pts = new List<(double X, double Y)>();
        foreach (int s in order)
        {
            if (!graph.IsValid(s)) continue;
            var (x, y) = graph.Centroid(s);
            pts.Add((PythonRound.Round(x, 1), PythonRound.Round(y, 1)));
        }
        if (pts.Count >= 2) result.BypassPolylines.Add(pts);
        result.BypassSegIds.UnionWith(all);
        foreach (int s in sorted)
        {
            graph.NeighboursOf(s, _neighbours);
            foreach (int nxt in _neighbours)
                if (s < nxt && all.Contains(nxt)) result.BypassLinks.Add((s, nxt));
        }
    }

    private static List<int> PathTo(int end, Dictionary<int, int> parent)
    {
        var path = new List<int>();
        for (int s = end; s >= 0; s = parent[s]) path.Add(s);
        path.Reverse();
        return path;
    }
}
