using Pangy.Core.Formats.Npy;
using Pangy.Core.Skeleton;

namespace Pangy.Core.Tests.Skeleton;

/// <summary>
/// The stage's readers of its inputs agree with the files read plainly: the bubble table (rows spilled to disk and
/// read back a chain at a time) with bubbles.db, and the heap adjacency with the link CSR of <c>links.mmapindex/</c>.
/// </summary>
public sealed class SkeletonGraphTests(Drb1SkeletonFixture f) : IClassFixture<Drb1SkeletonFixture>
{
    [Fact]
    public void Bubble_rows_read_back_from_the_spill_are_the_rows_of_bubbles_db()
    {
        var expected = SkeletonFiles.ReadBubbles(f.Dir);
        using var bubbles = BubbleTable.Open(f.Dir);
        Assert.Equal(874, bubbles.Count);
        Assert.Equal(expected.Count, bubbles.Count);
        // Twice: the second pass reads every row again after the loaded ones were forgotten.
        for (int pass = 0; pass < 2; pass++)
        {
            // Descending, so that rows are loaded chain by chain in an order unlike the file's.
            foreach (var b in expected.Values.OrderByDescending(b => b.Id))
            {
                Assert.True(bubbles.Exists[b.Id]);
                Assert.Equal(b.Chain, bubbles.Chain[b.Id]);
                Assert.Equal(b.ChainStep, bubbles.ChainStep(b.Id));
                Assert.Equal(b.Parent ?? 0, bubbles.Parent[b.Id]);
                Assert.Equal(b.Length, bubbles.Length(b.Id));
                Assert.Equal(b.Children, bubbles.Children(b.Id).ToArray());
                Assert.Equal(b.Source, bubbles.Source(b.Id).ToArray());
                Assert.Equal(b.Sink, bubbles.Sink(b.Id).ToArray());
                Assert.Equal(b.Inside, bubbles.Inside(b.Id).ToArray());
            }
            bubbles.Unload();
        }
        // Chains list their bubbles by chain step; the chains-only table has the same per-chain figures.
        using var chains = BubbleTable.OpenChains(f.Dir);
        Assert.Equal(bubbles.MaxChain, chains.MaxChain);
        for (int c = 0; c <= bubbles.MaxChain; c++)
        {
            var members = expected.Values.Where(b => b.Chain == c).OrderBy(b => b.ChainStep).ThenBy(b => b.Id).ToList();
            Assert.Equal(members.Select(b => b.Id), bubbles.ChainBubbles(c).ToArray());
            Assert.Equal(members.Count, chains.ChainSize(c));
            Assert.Equal(members.Sum(b => b.Length), chains.ChainLength[c]);
            Assert.Equal(bubbles.ChainParent[c], chains.ChainParent[c]);
            Assert.Equal(bubbles.ChainDepth[c], chains.ChainDepth[c]);
        }
    }

    [Fact]
    public void A_swapped_bubble_keeps_its_orientation_after_its_row_is_forgotten()
    {
        using var bubbles = BubbleTable.Open(f.Dir);
        int b = Enumerable.Range(1, bubbles.MaxId).First(id => bubbles.Exists[id] && !bubbles.Source(id).SequenceEqual(bubbles.Sink(id)));
        int[] source = bubbles.Source(b).ToArray(), sink = bubbles.Sink(b).ToArray();
        bubbles.SwapEnds(b);
        bubbles.Unload();
        Assert.Equal(sink, bubbles.Source(b).ToArray());
        Assert.Equal(source, bubbles.Sink(b).ToArray());
        Assert.Equal(source, bubbles.StoredSource(b).ToArray());
    }

    [Fact]
    public void The_adjacency_lists_every_link_end_of_the_csr_with_its_direction()
    {
        uint[] Links(string name) => NpyArray<uint>.ReadAll(f.PathOf("links.mmapindex", name + ".npy"));
        var (from, to, offsets, counts, flat) = (Links("from_ids"), Links("to_ids"), Links("seg_index_offsets"),
            Links("seg_index_counts"), Links("seg_index_flat"));
        using var graph = SkeletonGraph.Open(f.Dir);
        Assert.Equal(2 * from.Length, graph.AdjacencySize);
        int position = 0, selfLinks = 0;
        for (int s = 0; s < offsets.Length; s++)
        {
            var entries = graph.Neighbours(s);
            Assert.Equal((int)counts[s], entries.Length);
            Assert.Equal(position, graph.NeighbourStart(s));
            for (int k = 0; k < entries.Length; k++)
            {
                uint l = flat[offsets[s] + k];
                int other = SkeletonGraph.Other(entries[k]);
                var (a, b) = SkeletonGraph.IsFromOther(entries[k]) ? (other, s) : (s, other);
                Assert.Equal(((int)from[l], (int)to[l]), (a, b));
                if (a == b) selfLinks++;
            }
            position += entries.Length;
        }
        Assert.True(graph.Neighbours(offsets.Length).IsEmpty);
        // The graph is read the same after its arrays are unmapped and the adjacency dropped.
        graph.ReleaseMappings();
        graph.DropAdjacency();
        var nb = new List<int>();
        graph.NeighboursOf(640, nb);
        Assert.Equal(Enumerable.Range(0, (int)counts[640]).Select(k => flat[offsets[640] + k])
            .Select(l => from[l] == 640 ? (int)to[l] : (int)from[l]), nb);
        Assert.Equal(0, selfLinks % 2);
    }
}
