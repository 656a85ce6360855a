using Pangy.Core.Bubbles;

namespace Pangy.Core.Tests.Bubbles;

/// <summary>The reference's tiny bubble fixtures (§11.1) and small hand-made graphs for compaction and classification.</summary>
public sealed class MiniBubbleTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pangy-mini-bubbles").FullName;
    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Dictionary<int, BubbleDbRow> Run(string gfa, string layout, out BubbleStageResult result)
    {
        string dir = Path.Combine(_root, Path.GetFileNameWithoutExtension(gfa));
        TestGraphs.BuildChromosome(dir, TestGraphs.Data("mini", gfa), TestGraphs.Data("mini", layout), "GRCh38");
        result = BubbleStage.Run(dir);
        return BubbleDbRow.ReadAll(Path.Combine(dir, "bubbles.db"));
    }

    [Fact]
    public void Mini_bubble_gives_two_simple_bubbles_in_one_chain()
    {
        // 1→{2,3}→4→{5,6}→7: bubble 1 = [7]/[4] inside [5,6], ranges [[3,3]] / [[2,4]]; bubble 2 = [4]/[1] inside [2,3].
        var rows = Run("mini_bubble.gfa", "mini_bubble.odgi.tsv", out var result);
        Assert.Equal((2, 2, 0, 0, 1, 0), (result.Bubbles, result.Simple, result.Super, result.Insertion, result.Chains, result.CompactedSegments));
        var b1 = rows[1];
        Assert.Equal(("[7]", "[4]", "[5, 6]", "[[3, 3]]", "[[2, 4]]"), (b1.Source, b1.Sink, b1.Inside, b1.RangeExclusive, b1.RangeInclusive));
        Assert.Equal((1, 1, "[null, 2]"), (b1.Chain, b1.ChainStep, b1.Siblings));
        var b2 = rows[2];
        Assert.Equal(("[4]", "[1]", "[2, 3]", "[[1, 1]]", "[[0, 2]]"), (b2.Source, b2.Sink, b2.Inside, b2.RangeExclusive, b2.RangeInclusive));
        Assert.Equal((1, 2, "[1, null]"), (b2.Chain, b2.ChainStep, b2.Siblings));
        Assert.Equal("{\"source\":[\"5+7+\",\"6+7+\"],\"sink\":[\"4+5+\",\"4+6+\"]}", b1.LinkData);
    }

    [Fact]
    public void Mini_compacted_bubble_counts_the_absorbed_segment()
    {
        // 1→2→5 and 1→3→4→5: 3 absorbs 4; one simple bubble [5]/[1] inside [2,3,4], length 5+3+100.
        var rows = Run("mini_compacted_bubble.gfa", "mini_compacted_bubble.lay.tsv", out var result);
        Assert.Equal((1, 1, 1, 1), (result.Bubbles, result.Simple, result.Chains, result.CompactedSegments));
        var b = rows[1];
        Assert.Equal(("simple", "[5]", "[1]", "[2, 3, 4]", 108L), (b.Subtype, b.Source, b.Sink, b.Inside, b.Length));
        Assert.Equal("[null, null]", b.Siblings);
        // The box ignores the absorbed segment 4 (x 400→450 in the layout): only 2 (200→250) and 3 (300→350) count.
        Assert.Equal((200.0, 350.0), (b.X1, b.X2));
        // The link inside the unitig (3+4+) attaches nothing; 4+5+ attaches the unitig to the source.
        Assert.Equal("{\"source\":[\"2+5+\",\"4+5+\"],\"sink\":[\"1+2+\",\"1+3+\"]}", b.LinkData);
    }

    [Fact]
    public void Compaction_keeps_the_lowest_id_and_its_own_values()
    {
        // 1 → 5 → 3 → 4 → 2 is one unitig entered at 1 (a chain of single links): 1 survives and absorbs the rest.
        var input = TestGraphs.Input("S\t1\tAC\nS\t2\tGGGG\nS\t3\tT\nS\t4\tTT\nS\t5\tCCC\n" +
            "L\t1\t+\t5\t+\t0M\nL\t5\t+\t3\t+\t0M\nL\t3\t+\t4\t+\t0M\nL\t4\t+\t2\t+\t0M\n");
        var g = UnitigCompactor.Compact(BidirectedGraph.FromInput(input), input);
        Assert.Equal(1, g.Graph.NodeCount);
        Assert.Equal(4, g.CompactedSegments);
        Assert.Equal(0, g.Graph.SegmentOf[0]);
        Assert.Equal([1, 2, 3, 4], g.MembersOf(0).ToArray());   // segment indices of ids 2..5, ascending
    }

    [Fact]
    public void Compaction_contracts_through_reversed_links()
    {
        // 10+ 20- then 20- 30+: a unitig that passes through 20 backwards; the bubble 5 → {10…30 | 40} → 50 stays.
        var input = TestGraphs.Input("S\t5\tA\nS\t10\tA\nS\t20\tA\nS\t30\tA\nS\t40\tA\nS\t50\tA\n" +
            "L\t5\t+\t10\t+\t0M\nL\t10\t+\t20\t-\t0M\nL\t20\t-\t30\t+\t0M\nL\t30\t+\t50\t+\t0M\nL\t5\t+\t40\t+\t0M\nL\t40\t+\t50\t+\t0M\n");
        var c = BubbleComputation.Native(input);
        Assert.Equal(2, c.Graph.CompactedSegments);
        Assert.Equal(1, c.Chains.WrittenCount);
        Assert.Equal(BubbleKind.Simple, c.Set.Kind[c.Chains.Ordered[0]]);
    }

    [Fact]
    public void Insertion_and_super_bubbles_are_classified()
    {
        // 1 → 2 → 3 with a deletion edge 1 → 3: an insertion. 3 → {4, 5 → (6 | direct) → 8} → 7: a super bubble
        // (unequal branches) holding the insertion 5 → 6 → 8.
        var input = TestGraphs.Input("S\t1\tA\nS\t2\tA\nS\t3\tA\nS\t4\tA\nS\t5\tA\nS\t6\tA\nS\t7\tA\nS\t8\tA\n" +
            "L\t1\t+\t2\t+\t0M\nL\t2\t+\t3\t+\t0M\nL\t1\t+\t3\t+\t0M\n" +
            "L\t3\t+\t4\t+\t0M\nL\t4\t+\t7\t+\t0M\nL\t3\t+\t5\t+\t0M\nL\t5\t+\t6\t+\t0M\nL\t6\t+\t8\t+\t0M\nL\t8\t+\t7\t+\t0M\nL\t5\t+\t8\t+\t0M\n");
        var c = BubbleComputation.Native(input);
        var kinds = c.Chains.Ordered.Select(b => c.Set.Kind[b]).Order().ToArray();
        Assert.Equal([BubbleKind.Insertion, BubbleKind.Insertion, BubbleKind.Super], kinds);
        Assert.Equal((0, 1, 2), c.CountByKind());
        int Id(int a, int b) => 1 + c.Chains.Ordered.ToList().FindIndex(x =>
            new[] { c.Input.SegmentIds[c.Graph.Graph.SegmentOf[c.Set.Source[x]]], c.Input.SegmentIds[c.Graph.Graph.SegmentOf[c.Set.Sink[x]]] }.Order().SequenceEqual([a, b]));
        Assert.Equal(Id(3, 7), c.Resolved.Parent[Id(5, 8) - 1]);
        Assert.Equal(0, c.Resolved.Parent[Id(1, 3) - 1]);
    }
}
