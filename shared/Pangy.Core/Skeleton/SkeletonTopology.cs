using System.Collections;

namespace Pangy.Core.Skeleton;

/// <summary>
/// The skeleton topology (§7.1): segment degrees from link direction, junctions, and the linear runs between
/// junctions, each labelled with a chain.
/// </summary>
internal sealed class SkeletonTopology
{
    private readonly SkeletonGraph _graph;
    private readonly BitArray _junction;

    public SkeletonTopology(SkeletonGraph graph)
    {
        _graph = graph;
        // in + out over links, strands ignored; a self-link counts once each way. Only 0, 2 and "other" matter, so the
        // counts saturate at 3.
        int size = graph.CsrSize;
        var degree = new byte[size];
        var from = graph.LinkFrom; var to = graph.LinkTo;
        for (int i = 0; i < from.Length; i++)
        {
            if (degree[from[i]] < 3) degree[from[i]]++;
            if (degree[to[i]] < 3) degree[to[i]]++;
        }
        _junction = new BitArray(size);
        for (int s = 0; s < size; s++)
        {
            if (degree[s] != 2 && degree[s] != 0) { _junction[s] = true; JunctionCount++; }
        }
    }

    /// <summary>Number of junctions: segments whose in + out degree is neither 2 nor 0.</summary>
    public int JunctionCount { get; }

    private bool IsJunction(int s) => (uint)s < (uint)_junction.Length && _junction[s];

    /// <summary>
    /// Walks every linear run, in the reference's order: junctions ascending, each junction's neighbours in link
    /// order; a run goes through non-junction segments (taking the first neighbour that is not where it came from)
    /// until a junction or a dead end. Each undirected segment pair is walked once; pure degree-2 cycles give no run.
    /// Calls <paramref name="run"/> with the run's segments; returns the number of runs.
    /// </summary>
    public int WalkRuns(Action<ReadOnlySpan<int>> run, CancellationToken cancellationToken = default)
    {
        // A walked segment pair marks every link between the two, as the reference's set of pairs does: both ends of
        // each such link, as positions of the adjacency.
        var walked = new BitArray(_graph.AdjacencySize);
        var buffer = new List<int>();
        int runs = 0;
        for (int j = 0; j < _junction.Length; j++)
        {
            if (!_junction[j]) continue;
            if ((j & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var firsts = _graph.Neighbours(j);
            int start = _graph.NeighbourStart(j);
            for (int k = 0; k < firsts.Length; k++)
            {
                if (walked[start + k]) continue;
                int nb = SkeletonGraph.Other(firsts[k]);
                if (!_graph.IsValid(nb)) continue;
                buffer.Clear();
                buffer.Add(j);
                int prev = j, cur = nb;
                while (!IsJunction(cur))
                {
                    MarkPair(prev, cur, walked);
                    buffer.Add(cur);
                    int next = -1;
                    foreach (int e in _graph.Neighbours(cur))
                    {
                        int o = SkeletonGraph.Other(e);
                        if (o != prev) { next = o; break; }
                    }
                    if (next < 0) break;
                    prev = cur;
                    cur = next;
                }
                MarkPair(prev, cur, walked);
                if (IsJunction(cur)) buffer.Add(cur);
                runs++;
                run(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer));
            }
        }
        return runs;
    }

    private void MarkPair(int a, int b, BitArray walked)
    {
        Mark(a, b, walked);
        if (a != b) Mark(b, a, walked);
    }

    private void Mark(int a, int b, BitArray walked)
    {
        var entries = _graph.Neighbours(a);
        int start = _graph.NeighbourStart(a);
        for (int k = 0; k < entries.Length; k++)
            if (SkeletonGraph.Other(entries[k]) == b) walked[start + k] = true;
    }
}

/// <summary>
/// Labels a run with a chain (§7.1 step 4): each segment votes for the chain of the bubble that owns it
/// (<c>segment_to_bubble</c>); the deepest chain wins, then the most votes, then the first voted.
/// </summary>
internal sealed class RunChainLabeller(SkeletonGraph graph, BubbleTable bubbles)
{
    private readonly List<(int Chain, int Votes)> _votes = [];

    public int Label(ReadOnlySpan<int> run)
    {
        _votes.Clear();
        var s2b = graph.SegmentToBubble;
        foreach (int s in run)
        {
            if ((uint)s >= (uint)s2b.Length) continue;
            int b = (int)s2b[s];
            if (b == 0 || b > bubbles.MaxId || !bubbles.Exists[b]) continue;
            int chain = bubbles.Chain[b];
            int k = 0;
            while (k < _votes.Count && _votes[k].Chain != chain) k++;
            if (k == _votes.Count) _votes.Add((chain, 1));
            else _votes[k] = (chain, _votes[k].Votes + 1);
        }
        if (_votes.Count == 0) return -1;
        int best = 0;
        for (int k = 1; k < _votes.Count; k++)
        {
            int dk = Depth(_votes[k].Chain), db = Depth(_votes[best].Chain);
            if (dk > db || (dk == db && _votes[k].Votes > _votes[best].Votes)) best = k;
        }
        return _votes[best].Chain;
    }

    private int Depth(int chain) => (uint)chain <= (uint)bubbles.MaxChain ? bubbles.ChainDepth[chain] : 0;
}
