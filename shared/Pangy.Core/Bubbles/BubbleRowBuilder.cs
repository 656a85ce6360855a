namespace Pangy.Core.Bubbles;

/// <summary>
/// Computes each written bubble's row (§3.3, §6.5): segment lists with compacted members, the exclusive interior,
/// step ranges, length/GC/N over the full interior, and the layout box over the surviving interior nodes.
/// </summary>
internal sealed class BubbleRowBuilder
{
    private readonly BubbleGraphInput _input;
    private readonly ResolvedBubbles _bubbles;
    private readonly CompactedGraph _graph;
    private readonly int[] _stepOffsets;   // per segment index into _steps
    private readonly int[] _steps;         // reference step indices, ascending per segment
    private readonly int[] _claimed;       // node -> id of the bubble whose children claimed it (stamp)
    private readonly List<int> _segScratch = [];
    private readonly List<int> _stepScratch = [];
    private readonly List<int> _endStepScratch = [];

    public BubbleRowBuilder(BubbleGraphInput input, ResolvedBubbles bubbles)
    {
        _input = input;
        _bubbles = bubbles;
        _graph = bubbles.Graph;
        int segs = input.SegmentCount;
        var refSteps = input.ReferenceStepSegments;
        _stepOffsets = new int[segs + 1];
        foreach (int id in refSteps) _stepOffsets[input.IndexOf(id) + 1]++;
        for (int i = 0; i < segs; i++) _stepOffsets[i + 1] += _stepOffsets[i];
        _steps = new int[refSteps.Length];
        var fill = _stepOffsets.AsSpan(0, segs).ToArray();
        for (int step = 0; step < refSteps.Length; step++) _steps[fill[input.IndexOf(refSteps[step])]++] = step;
        _claimed = new int[_graph.Graph.NodeCount];
    }

    /// <summary>Fills <paramref name="row"/> with bubble <paramref name="id"/>.</summary>
    public void Fill(int id, BubbleRow row)
    {
        var rb = _bubbles;
        var set = rb.Set;
        var chains = rb.Chains;
        int b = chains.Ordered[id - 1];
        var segIds = _input.SegmentIds;

        row.Id = id;
        row.Chain = chains.ChainId[b];
        row.ChainStep = chains.ChainStep[b];
        row.Kind = set.Kind[b];
        row.Parent = rb.Parent[id - 1];
        row.PrevSibling = rb.PrevSibling[id - 1];
        row.NextSibling = rb.NextSibling[id - 1];
        row.Children.Clear();
        foreach (int c in rb.ChildrenOf(id)) row.Children.Add(c);

        int srcNode = rb.SourceNode[id - 1], snkNode = rb.SinkNode[id - 1];
        NodeSegments(srcNode, row.Source);
        NodeSegments(snkNode, row.Sink);

        var inside = set.InsideOf(b);

        // Exclusive interior: drop every node a child claims (its ends and its full interior; a grandchild's nodes are
        // inside its parent's, so the children cover all descendants).
        foreach (int c in rb.ChildrenOf(id))
        {
            int cb = chains.Ordered[c - 1];
            _claimed[set.Source[cb]] = id;
            _claimed[set.Sink[cb]] = id;
            foreach (int v in set.InsideOf(cb)) _claimed[v] = id;
        }
        _segScratch.Clear();
        int prevNode = -1;
        foreach (int v in inside)
        {
            if (v == prevNode) continue;
            prevNode = v;
            if (_claimed[v] == id) continue;
            _segScratch.Add(_graph.Graph.SegmentOf[v]);
            foreach (int m in _graph.MembersOf(v)) _segScratch.Add(m);
        }
        _segScratch.Sort();     // segment index order is segment id order
        row.Inside.Clear();
        foreach (int s in _segScratch) row.Inside.Add(segIds[s]);

        // Sums over the full interior as the search listed it (a node popped twice counts twice, as in the reference).
        long length = 0, gc = 0, nc = 0;
        foreach (int v in inside)
        {
            int s = _graph.Graph.SegmentOf[v];
            length += _input.Lengths[s]; gc += _input.GcCounts[s]; nc += _input.NCounts[s];
            foreach (int m in _graph.MembersOf(v))
            {
                length += _input.Lengths[m]; gc += _input.GcCounts[m]; nc += _input.NCounts[m];
            }
        }
        row.Length = length; row.GcCount = gc; row.NCount = nc;

        // Step ranges: the full interior, then with the ends.
        _stepScratch.Clear();
        prevNode = -1;
        foreach (int v in inside)
        {
            if (v == prevNode) continue;
            prevNode = v;
            AddNodeSteps(v, _stepScratch);
        }
        SortUnique(_stepScratch);
        Collapse(_stepScratch, row.RangeExclusive);
        _endStepScratch.Clear();
        AddNodeSteps(srcNode, _endStepScratch);
        AddNodeSteps(snkNode, _endStepScratch);
        if (_endStepScratch.Count == 0)
        {
            row.RangeInclusive.Clear();
            row.RangeInclusive.AddRange(row.RangeExclusive);
        }
        else
        {
            _endStepScratch.AddRange(_stepScratch);
            SortUnique(_endStepScratch);
            Collapse(_endStepScratch, row.RangeInclusive);
        }

        // Layout box over the surviving interior nodes (compacted segments are ignored), float64 coordinates:
        // each axis runs min→max when the mean start is below the mean end, else max→min.
        if (inside.Length > 0)
        {
            double sx1 = 0, sx2 = 0, sy1 = 0, sy2 = 0;
            double minX1 = double.PositiveInfinity, maxX1 = double.NegativeInfinity, minX2 = double.PositiveInfinity, maxX2 = double.NegativeInfinity;
            double minY1 = double.PositiveInfinity, maxY1 = double.NegativeInfinity, minY2 = double.PositiveInfinity, maxY2 = double.NegativeInfinity;
            foreach (int v in inside)
            {
                int s = _graph.Graph.SegmentOf[v];
                double x1 = _input.X1[s], x2 = _input.X2[s], y1 = _input.Y1[s], y2 = _input.Y2[s];
                sx1 += x1; sx2 += x2; sy1 += y1; sy2 += y2;
                minX1 = Math.Min(minX1, x1); maxX1 = Math.Max(maxX1, x1); minX2 = Math.Min(minX2, x2); maxX2 = Math.Max(maxX2, x2);
                minY1 = Math.Min(minY1, y1); maxY1 = Math.Max(maxY1, y1); minY2 = Math.Min(minY2, y2); maxY2 = Math.Max(maxY2, y2);
            }
            double count = inside.Length;
            bool xAsc = sx1 / count < sx2 / count;
            bool yAsc = sy1 / count < sy2 / count;
            row.X1 = xAsc ? minX1 : maxX1;
            row.X2 = xAsc ? maxX2 : minX2;
            row.Y1 = yAsc ? minY1 : maxY1;
            row.Y2 = yAsc ? maxY2 : minY2;
        }
        else
        {
            row.X1 = row.X2 = row.Y1 = row.Y2 = 0;
        }

        row.SourceLinks.Clear();
        foreach (int k in rb.LinksOf(id, 0)) row.SourceLinks.Add(k);
        row.SinkLinks.Clear();
        foreach (int k in rb.LinksOf(id, 1)) row.SinkLinks.Add(k);
    }

    private void NodeSegments(int node, List<int> into)
    {
        into.Clear();
        into.Add(_input.SegmentIds[_graph.Graph.SegmentOf[node]]);
        foreach (int m in _graph.MembersOf(node)) into.Add(_input.SegmentIds[m]);
    }

    private void AddNodeSteps(int node, List<int> into)
    {
        int s = _graph.Graph.SegmentOf[node];
        for (int k = _stepOffsets[s]; k < _stepOffsets[s + 1]; k++) into.Add(_steps[k]);
        foreach (int m in _graph.MembersOf(node))
            for (int k = _stepOffsets[m]; k < _stepOffsets[m + 1]; k++) into.Add(_steps[k]);
    }

    private static void SortUnique(List<int> values)
    {
        values.Sort();
        int w = 0;
        for (int i = 0; i < values.Count; i++)
            if (i == 0 || values[i] != values[w - 1]) values[w++] = values[i];
        values.RemoveRange(w, values.Count - w);
    }

    // collapse_ranges: runs of consecutive step numbers become inclusive [first, last] pairs.
    private static void Collapse(List<int> sortedSteps, List<(int, int)> into)
    {
        into.Clear();
        int i = 0;
        while (i < sortedSteps.Count)
        {
            int start = sortedSteps[i], end = start;
            while (i + 1 < sortedSteps.Count && sortedSteps[i + 1] == end + 1) { end++; i++; }
            into.Add((start, end));
            i++;
        }
    }
}
