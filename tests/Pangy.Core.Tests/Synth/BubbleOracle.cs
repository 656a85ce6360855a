namespace Pangy.Core.Tests.Synth;

/// <summary>The reference's bubble classes (§6.3).</summary>
internal enum OracleKind
{
    Simple,
    Insertion,
    Super,
}

/// <summary>A bubble as the oracle finds it: node indices (segment id − 1 of the surviving node).</summary>
internal sealed record OracleBubble(int Source, int Sink, List<int> Inside, OracleKind Kind)
{
    public HashSet<int> Nodes { get; } = [Source, Sink, .. Inside];

    public int? Parent { get; set; }
}

/// <summary>
/// A small, test-only rendering of reference §6.1–6.5 (bidirected graph, unitig compaction, BubbleGun's
/// superbubble search, classification, chains, parents), written from the reference document, to check that
/// the generator's topologies give the bubbles its report promises. It favours clarity over speed and is only
/// run on small graphs.
/// </summary>
internal sealed class BubbleOracle
{
    private const int Start = 0, End = 1;

    private readonly int _n;
    private readonly List<(int Node, int Side)>[] _adjacency; // index: node * 2 + side
    private readonly bool[] _absorbed;

    private BubbleOracle(int n)
    {
        _n = n;
        _adjacency = new List<(int, int)>[2 * n];
        for (int i = 0; i < _adjacency.Length; i++)
            _adjacency[i] = [];
        _absorbed = new bool[n];
    }

    /// <summary>Finds, classifies and nests the bubbles of a graph with segment ids 1..n.</summary>
    public static List<OracleBubble> Run(int segments, IEnumerable<TestLink> links)
    {
        var oracle = new BubbleOracle(segments);
        oracle.AddLinks(links);
        oracle.Compact();
        List<OracleBubble> bubbles = oracle.KeepChained(oracle.FindBubbles());
        AssignParents(bubbles);
        return bubbles;
    }

    private List<(int Node, int Side)> Edges(int node, int side) => _adjacency[node * 2 + side];

    /// <summary>§6.1: each link adds an edge out of the side its first segment leaves by, both ways; duplicates dropped.</summary>
    private void AddLinks(IEnumerable<TestLink> links)
    {
        var seen = new HashSet<(int, int, int, int)>();
        foreach (TestLink link in links)
        {
            int a = link.From - 1, b = link.To - 1;
            int sideA = link.FromReverse ? Start : End;
            int sideB = link.ToReverse ? End : Start;
            if (seen.Add((a, sideA, b, sideB)))
                Edges(a, sideA).Add((b, sideB));
            if (seen.Add((b, sideB, a, sideA)))
                Edges(b, sideB).Add((a, sideA));
        }
    }

    private bool Contractible(int node, int side)
    {
        List<(int Node, int Side)> edges = Edges(node, side);
        if (edges.Count != 1)
            return false;
        (int j, int sj) = edges[0];
        return j != node && Edges(j, sj).Count == 1;
    }

    /// <summary>§6.2: contract unitigs into their lowest-index node, which takes over the far ends' edges.</summary>
    private void Compact()
    {
        var portMap = new Dictionary<(int, int), (int, int)>();
        var survivors = new List<(int Node, (int, int) FarStart, (int, int) FarEnd)>();
        for (int r = 0; r < _n; r++)
        {
            if (_absorbed[r] || (!Contractible(r, Start) && !Contractible(r, End)))
                continue;
            (int, int) farStart = Walk(r, Start);
            (int, int) farEnd = Walk(r, End);
            portMap[farStart] = (r, Start);
            portMap[farEnd] = (r, End);
            survivors.Add((r, farStart, farEnd));
        }

        // New edges for survivors come from their far ends; every edge target is remapped onto survivors.
        var fresh = new Dictionary<(int, int), List<(int, int)>>();
        foreach (var (node, farStart, farEnd) in survivors)
        {
            fresh[(node, Start)] = [.. Edges(farStart.Item1, farStart.Item2)];
            fresh[(node, End)] = [.. Edges(farEnd.Item1, farEnd.Item2)];
        }
        foreach (var ((node, side), edges) in fresh)
            _adjacency[node * 2 + side] = edges;
        for (int i = 0; i < _n; i++)
        {
            if (_absorbed[i])
            {
                Edges(i, Start).Clear();
                Edges(i, End).Clear();
                continue;
            }
            foreach (int side in new[] { Start, End })
            {
                List<(int Node, int Side)> edges = Edges(i, side);
                for (int k = 0; k < edges.Count; k++)
                {
                    if (portMap.TryGetValue(edges[k], out (int, int) mapped))
                        edges[k] = mapped;
                    Assert.False(_absorbed[edges[k].Node], "an edge points into the middle of a unitig");
                }
            }
        }

        (int, int) Walk(int r, int side)
        {
            (int node, int s) = (r, side);
            while (Contractible(node, s))
            {
                (int j, int sj) = Edges(node, s)[0];
                Assert.False(j == r || _absorbed[j], "cyclic unipath");
                _absorbed[j] = true;
                (node, s) = (j, 1 - sj);
            }
            return (node, s);
        }
    }

    /// <summary>§6.3: every node, START then END; a later find of the same pair replaces the earlier one.</summary>
    private List<OracleBubble> FindBubbles()
    {
        var found = new Dictionary<(int, int), OracleBubble>();
        for (int s = 0; s < _n; s++)
        {
            if (_absorbed[s])
                continue;
            foreach (int direction in new[] { Start, End })
            {
                if (Search(s, direction) is not { } hit)
                    continue;
                (int, int) key = (Math.Max(s, hit.Sink), Math.Min(s, hit.Sink));
                found[key] = new OracleBubble(s, hit.Sink, hit.Inside, Classify(s, hit.Sink, hit.Inside));
            }
        }
        return [.. found.Values];
    }

    private (int Sink, List<int> Inside)? Search(int s, int direction)
    {
        var seen = new HashSet<(int, int)> { (s, direction) };
        var visited = new HashSet<int>();
        var inside = new List<int>();
        var pending = new HashSet<(int, int)> { (s, direction) };
        var order = new Stack<(int, int)>();
        order.Push((s, direction));
        while (pending.Count > 0)
        {
            (int v, int side) = order.Pop();
            pending.Remove((v, side));
            visited.Add(v);
            if (v != s)
                inside.Add(v);
            seen.Remove((v, side));
            List<(int Node, int Side)> edges = Edges(v, side);
            if (edges.Count == 0)
                return null; // a tip
            foreach ((int u, int us) in edges)
            {
                if (u == s)
                    return null; // back to the source
                seen.Add((u, 1 - us));
                if (visited.Contains(u))
                    continue;
                if (Edges(u, us).All(e => visited.Contains(e.Node)) && pending.Add((u, 1 - us)))
                    order.Push((u, 1 - us));
            }
            if (pending.Count == 1 && seen.Count == 1)
                return inside.Count == 0 ? null : (pending.Single().Item1, inside);
        }
        return null;
    }

    private List<int> Neighbours(int node) =>
        [.. Edges(node, Start).Select(e => e.Node).Concat(Edges(node, End).Select(e => e.Node)).Order()];

    private OracleKind Classify(int source, int sink, List<int> inside)
    {
        if (inside.Count == 2)
        {
            int a = inside[0], b = inside[1];
            bool degreesOne = Edges(a, Start).Count == 1 && Edges(a, End).Count == 1
                && Edges(b, Start).Count == 1 && Edges(b, End).Count == 1;
            if (degreesOne && Neighbours(a).SequenceEqual(Neighbours(b))
                && !Neighbours(sink).Contains(source) && !Neighbours(source).Contains(sink))
                return OracleKind.Simple;
        }
        if (inside.Count == 1)
        {
            int a = inside[0];
            if (Edges(a, Start).Count == 1 && Edges(a, End).Count == 1
                && Neighbours(a).SequenceEqual(new[] { source, sink }.Order()))
                return OracleKind.Insertion;
        }
        return OracleKind.Super;
    }

    /// <summary>§6.4: bubbles of chains without exactly two ends are dropped.</summary>
    private List<OracleBubble> KeepChained(List<OracleBubble> bubbles)
    {
        var atNode = new Dictionary<int, HashSet<int>>();
        for (int b = 0; b < bubbles.Count; b++)
        {
            foreach (int node in new[] { bubbles[b].Source, bubbles[b].Sink })
            {
                if (!atNode.TryGetValue(node, out HashSet<int>? set))
                    atNode[node] = set = [];
                set.Add(b);
            }
        }

        var kept = new List<OracleBubble>();
        var starts = atNode.Where(kv => kv.Value.Count == 1).Select(kv => kv.Key).Order().ToList();
        foreach (int node in starts.Concat(atNode.Keys.Order().ToList()))
        {
            var chain = new List<int>();
            int current = node;
            while (atNode[current].Count > 0)
            {
                int b = atNode[current].Min();
                atNode[bubbles[b].Source].Remove(b);
                atNode[bubbles[b].Sink].Remove(b);
                chain.Add(b);
                current = bubbles[b].Source == current ? bubbles[b].Sink : bubbles[b].Source;
            }
            if (chain.Count == 0)
                continue;
            int ends = chain.SelectMany(b => new[] { bubbles[b].Source, bubbles[b].Sink })
                .GroupBy(x => x).Count(g => g.Count() == 1);
            if (ends == 2)
                kept.AddRange(chain.Select(b => bubbles[b]));
        }
        return kept;
    }

    /// <summary>§6.5: the parent is the smallest super bubble holding the source whose node set strictly contains the child's.</summary>
    private static void AssignParents(List<OracleBubble> bubbles)
    {
        List<OracleBubble> candidates = bubbles.Where(b => b.Kind == OracleKind.Super).OrderBy(b => b.Inside.Count).Reverse().ToList();
        var byNode = new Dictionary<int, List<OracleBubble>>();
        foreach (OracleBubble c in candidates)
        {
            foreach (int node in c.Nodes)
            {
                if (!byNode.TryGetValue(node, out List<OracleBubble>? list))
                    byNode[node] = list = [];
                list.Add(c);
            }
        }
        var index = new Dictionary<OracleBubble, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < bubbles.Count; i++)
            index[bubbles[i]] = i;
        for (int i = 0; i < bubbles.Count; i++)
        {
            OracleBubble child = bubbles[i];
            OracleBubble? best = null;
            foreach (OracleBubble c in byNode.GetValueOrDefault(child.Source) ?? [])
            {
                if (ReferenceEquals(c, child))
                    continue;
                if (child.Nodes.Count < c.Nodes.Count && child.Nodes.IsSubsetOf(c.Nodes) && (best is null || c.Nodes.Count < best.Nodes.Count))
                    best = c;
            }
            child.Parent = best is null ? null : index[best];
        }
    }
}
