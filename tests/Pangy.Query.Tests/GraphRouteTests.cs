using System.Text.Json;
using static Pangy.Query.Tests.Http;

namespace Pangy.Query.Tests;

/// <summary>/select, /pop, /chain-graph and /bubble-meta on DRB1-3123 (reference §10.2 numbers).</summary>
[Collection(QueryCollection.Name)]
public sealed class GraphRouteTests(QueryFixture f)
{
    private const long Start = 32580000, End = 32585000;
    private static readonly string Q = $"genome={E(TestData.Drb1Ref)}&chromosome={TestData.Chrom}";

    [Fact]
    public async Task Select_returns_top_level_bubbles_and_their_end_links()
    {
        var data = await f.Client.Json($"/select?{Q}&start={Start}&end={End}");
        var nodes = data.GetProperty("nodes").EnumerateArray().ToList();
        var links = data.GetProperty("links").EnumerateArray().ToList();
        Assert.NotEmpty(nodes);
        Assert.All(nodes, n =>
        {
            Assert.Equal("bubble", n.GetProperty("type").GetString());
            Assert.StartsWith("b", n.GetProperty("id").GetString());
            Assert.StartsWith("c", n.GetProperty("chain").GetString());
        });
        Assert.Equal(nodes.Count, nodes.Select(n => n.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(links, l => { Assert.StartsWith("s", l.GetProperty("source").GetString()); Assert.StartsWith("s", l.GetProperty("target").GetString()); });

        // Every link touches an end of a returned bubble, and every link of those ends is there.
        var ends = nodes.SelectMany(n => n.GetProperty("source_segs").EnumerateArray().Concat(n.GetProperty("sink_segs").EnumerateArray()))
            .Select(e => $"s{e.GetInt32()}").ToHashSet();
        Assert.All(links, l => Assert.True(ends.Contains(l.GetProperty("source").GetString()!) || ends.Contains(l.GetProperty("target").GetString()!)));
        var gfa = SimpleGfaLinks.Load();
        int expected = gfa.Count(l => ends.Contains($"s{l.From}") || ends.Contains($"s{l.To}"));
        Assert.Equal(expected, links.Count);
        Assert.All(links, l => Assert.InRange(l.GetProperty("frequency").GetDouble(), 0.0, 1.0));
        Assert.Contains(links, l => l.GetProperty("frequency").GetDouble() > 0);
    }

    [Fact]
    public async Task Select_bubbles_are_those_contained_in_the_step_range()
    {
        var data = await f.Client.Json($"/select?{Q}&start={Start}&end={End}");
        var ids = data.GetProperty("nodes").EnumerateArray().Select(n => int.Parse(n.GetProperty("id").GetString()![1..])).ToHashSet();
        var (s0, s1) = StepRange(Start, End);
        // Naive: walk top-level bubbles overlapping the range; keep contained ones, else descend.
        var expected = new HashSet<int>();
        void Visit(TestBubble b)
        {
            bool contained = b.RangeExclusive.Any(r => r.Item1 >= s0 && r.Item2 <= s1) || b.RangeInclusive.Any(r => r.Item1 >= s0 && r.Item2 <= s1);
            if (contained) { expected.Add(b.Id); return; }
            foreach (int c in b.Children) Visit(f.Bubbles.Single(x => x.Id == c));
        }
        foreach (var b in f.Bubbles.Where(b => b.Parent is null && b.RangeInclusive.Any(r => r.Item2 >= s0 && r.Item1 <= s1))) Visit(b);
        Assert.Equal(expected.Order(), ids.Order());
    }

    private (int, int) StepRange(long start, long end)
    {
        var starts = Pangy.Core.Formats.Npy.NpyArray<uint>.ReadAll(Path.Combine(f.ChromosomeDir, "steps.mmapindex", "starts.npy"));
        int At(long bp) => Math.Max(0, Array.FindLastIndex(starts, s => s <= bp));
        return (At(start), At(end));
    }

    [Fact]
    public async Task Select_unknown_genome_is_404_json()
    {
        AssertError(await f.Client.Json($"/select?genome=INVALID&chromosome={TestData.Chrom}&start={Start}&end={End}", 404));
        AssertError(await f.Client.Json($"/select?genome={E(TestData.Drb1Ref)}&chromosome=chrNOPE&start={Start}&end={End}", 404));
    }

    [Fact]
    public async Task Select_missing_or_bad_numbers_are_400_json()
    {
        AssertError(await f.Client.Json($"/select?{Q}&start={Start}", 400));
        AssertError(await f.Client.Json($"/select?{Q}&start=abc&end={End}", 400));
    }

    [Fact]
    public async Task Pop_snp_bubble_11_17_gives_four_segments_and_eight_links()
    {
        var b = f.BubbleWithEnds(11, 17);
        var data = await f.Client.Json($"/pop?id=b{b.Id}&{Q}");
        var nodeIds = data.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(["s11", "s12", "s13", "s17"], nodeIds.Order());
        Assert.Equal(8, data.GetProperty("links").GetArrayLength());
        var ends = data.GetProperty("source_segs").EnumerateArray().Concat(data.GetProperty("sink_segs").EnumerateArray()).Select(e => e.GetInt32()).ToHashSet();
        Assert.Contains(11, ends);
        Assert.Contains(17, ends);
        var s12 = data.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "s12");
        Assert.Equal(1, s12.GetProperty("length").GetInt32());
        Assert.Equal("segment", s12.GetProperty("type").GetString());
        Assert.Equal(1, s12.GetProperty("seq").GetString()!.Length);
    }

    [Fact]
    public async Task Pop_nested_bubble_141_133_gives_seven_segments_including_the_child()
    {
        var b = f.BubbleWithEnds(141, 133);
        Assert.NotEmpty(b.Children);
        var child = f.Bubbles.Single(x => x.Id == b.Children[0]);
        Assert.True(child.Ends.Contains(138) && child.Ends.Contains(136));
        var data = await f.Client.Json($"/pop?id=b{b.Id}&{Q}");
        var nodeIds = data.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(7, nodeIds.Count);
        Assert.All(b.Inside.Concat(child.Inside), s => Assert.Contains($"s{s}", nodeIds));
    }

    [Fact]
    public async Task Pop_of_a_segment_is_empty_and_of_an_unknown_bubble_404()
    {
        var data = await f.Client.Json($"/pop?id=s12345&{Q}");
        Assert.Equal(0, data.GetProperty("nodes").GetArrayLength());
        Assert.Equal(0, data.GetProperty("links").GetArrayLength());
        AssertError(await f.Client.Json($"/pop?id=b999999&{Q}", 404));
        AssertError(await f.Client.Json($"/pop?id=bxyz&{Q}", 400));
    }

    [Fact]
    public async Task Chain_graph_pops_superbubbles_one_level_and_redirects_links()
    {
        var nested = f.BubbleWithEnds(141, 133);
        var data = await f.Client.Json($"/chain-graph?id=c{nested.Chain}&{Q}");
        var nodes = data.GetProperty("nodes").EnumerateArray().ToList();
        var ids = nodes.Select(n => n.GetProperty("id").GetString()!).ToHashSet();
        var chainBubbles = f.Bubbles.Where(x => x.Chain == nested.Chain).ToList();
        foreach (var cb in chainBubbles)
        {
            if (cb.Children.Length == 0) Assert.Contains($"b{cb.Id}", ids);
            else
            {
                Assert.DoesNotContain($"b{cb.Id}", ids);
                Assert.All(cb.Children, c => Assert.Contains($"b{c}", ids));
            }
        }
        var links = data.GetProperty("links").EnumerateArray().ToList();
        Assert.NotEmpty(links);
        Assert.Equal(links.Count, links.Select(l => l.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(links, l =>
        {
            Assert.Contains(l.GetProperty("source").GetString()!, ids);
            Assert.Contains(l.GetProperty("target").GetString()!, ids);
            Assert.NotEqual(l.GetProperty("source").GetString(), l.GetProperty("target").GetString());
            Assert.Equal(0, l.GetProperty("frequency").GetDouble());
        });
    }

    [Fact]
    public async Task Chain_graph_connector_needs_bubbles_and_valid_ids()
    {
        var b = f.BubbleWithEnds(11, 17);
        var data = await f.Client.Json($"/chain-graph?id=c{b.Chain}_r1&bubbles={b.Id}&{Q}");
        Assert.Contains(data.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == $"b{b.Id}");
        AssertError(await f.Client.Json($"/chain-graph?id=c{b.Chain}_r1&{Q}", 400));
        AssertError(await f.Client.Json($"/chain-graph?id=c{b.Chain}_r1&bubbles=1,x&{Q}", 400));
        AssertError(await f.Client.Json($"/chain-graph?id=c99999&{Q}", 404));
    }

    [Fact]
    public async Task Bubble_meta_lists_the_chain_in_order()
    {
        var chain = f.Bubbles.GroupBy(b => b.Chain).OrderByDescending(g => g.Count()).First();
        var data = await f.Client.Json($"/bubble-meta?chain_id=c{chain.Key}&chromosome={TestData.Chrom}");
        var metas = data.GetProperty("bubbles").EnumerateArray().ToList();
        Assert.Equal(chain.Count(), metas.Count);
        Assert.Equal(chain.OrderBy(b => b.ChainStep).Select(b => $"b{b.Id}"), metas.Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(0.0, metas[0].GetProperty("t").GetDouble());
        Assert.Equal(1.0, metas[^1].GetProperty("t").GetDouble());
        foreach (var m in metas)
        {
            bool isRef = m.GetProperty("is_ref").GetBoolean();
            Assert.Equal(isRef, m.GetProperty("bp_start").ValueKind == JsonValueKind.Number);
        }
        // A connector id selects a chain_step range.
        int a = chain.Min(b => b.ChainStep), z = a + 1;
        var part = await f.Client.Json($"/bubble-meta?chain_id=c{chain.Key}:{a}-{z}&chromosome={TestData.Chrom}");
        Assert.Equal(2, part.GetProperty("bubbles").GetArrayLength());
        AssertError(await f.Client.Json($"/bubble-meta?chromosome={TestData.Chrom}", 400));
        AssertError(await f.Client.Json($"/bubble-meta?chain_id=c99999&chromosome={TestData.Chrom}", 404));
    }

    [Fact]
    public async Task Bubble_meta_batch_maps_each_chain_and_empties_failures()
    {
        var chain = f.Bubbles.First().Chain;
        var data = await f.Client.PostJson("/bubble-meta-batch", new { chain_ids = new[] { $"c{chain}", "c99999", "junk" }, chromosome = TestData.Chrom });
        Assert.Equal(f.Bubbles.Count(b => b.Chain == chain), data.GetProperty($"c{chain}").GetArrayLength());
        Assert.Equal(0, data.GetProperty("c99999").GetArrayLength());
        Assert.Equal(0, data.GetProperty("junk").GetArrayLength());
        AssertError(await f.Client.PostJson("/bubble-meta-batch", new { chromosome = TestData.Chrom }, 400));
    }

    [Fact]
    public async Task Detail_tiles_over_the_whole_layout_give_63_chains_and_fewer_on_a_narrow_window()
    {
        var full = await f.Client.Json($"/detail-tiles?{Q}&start={Start}&end={End}&ppbp=0.01&layout_min_x=1000&layout_max_x=14000");
        foreach (var key in new[] { "tile_start", "tile_end", "chains", "bubbles", "junction_nodes", "junction_links", "junction_graph" })
            Assert.True(full.TryGetProperty(key, out _), key);
        var chains = full.GetProperty("chains").EnumerateArray().ToList();
        Assert.Equal(63, chains.Count);
        Assert.All(chains, c =>
        {
            Assert.False(c.GetProperty("popped").GetBoolean());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("graph").ValueKind);
            Assert.StartsWith("c", c.GetProperty("id").GetString());
            Assert.True(c.GetProperty("polyline").GetArrayLength() >= 2);
            foreach (var hidden in new[] { "_start_seg", "_end_seg", "_min_step", "_max_step", "_pl_x_min", "_pl_x_max", "_layout_span" })
                Assert.False(c.TryGetProperty(hidden, out _), hidden);
        });
        var jg = full.GetProperty("junction_graph");
        Assert.True(jg.GetProperty("nodes").GetArrayLength() > 0);
        Assert.True(jg.GetProperty("links").GetArrayLength() > 0);
        Assert.All(jg.GetProperty("nodes").EnumerateArray(), n => { Assert.False(n.TryGetProperty("seq", out _)); Assert.False(n.TryGetProperty("n_count", out _)); });
        Assert.True(full.GetProperty("junction_nodes").GetArrayLength() > 0);
        Assert.All(full.GetProperty("junction_links").EnumerateArray(), l => Assert.Equal(4, l.GetArrayLength()));
        Assert.Equal(Start, full.GetProperty("tile_start").GetInt64());

        var narrow = await f.Client.Json($"/detail-tiles?{Q}&start={Start}&end={End}&ppbp=0.01&layout_min_x=3000&layout_max_x=5000");
        int n = narrow.GetProperty("chains").GetArrayLength();
        Assert.InRange(n, 1, 62);
        AssertError(await f.Client.Json($"/detail-tiles?genome=INVALID&chromosome={TestData.Chrom}&start={Start}&end={End}&ppbp=0.01&layout_min_x=1000&layout_max_x=14000", 404));
        AssertError(await f.Client.Json($"/detail-tiles?{Q}&start={Start}&end={End}&ppbp=0.01", 404));
        AssertError(await f.Client.Json($"/detail-tiles?{Q}&start={Start}&end={End}&layout_min_x=1000&layout_max_x=14000", 400));
        AssertError(await f.Client.Json($"/detail-tiles?db=second&genome={E(TestData.Drb1Ref)}&chromosome=nobubbles&start={Start}&end={End}&ppbp=0.01&layout_min_x=1000&layout_max_x=14000", 404));
    }

    [Fact]
    public async Task Detail_tile_over_the_whole_layout_draws_the_junction_graph_of_polychain_data()
    {
        // Every entry, decomposed bubble and bypass is in this tile, so its junction graph is the skeleton stage's, to
        // the coordinate: both take centroids as the float32 sum halved. Segment 1054's y ends are 2652.6338 and
        // 2655.0662 (float32), whose float32 sum halves to 2653.85009… (2653.9), the double sum to 2653.84997… (2653.8).
        var tile = await f.Client.Json($"/detail-tiles?{Q}&start={Start}&end={End}&ppbp=0.01&layout_min_x=1000&layout_max_x=14000");
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(f.ChromosomeDir, "polychain-data.json.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var data = JsonDocument.Parse(gz);
        // Each item as its numbers in order: the file prints 5788.0 where the route prints 5788.
        static List<string> Items(JsonElement a) => a.EnumerateArray().Select(e => string.Join(' ', Numbers(e))).ToList();
        static IEnumerable<double> Numbers(JsonElement e) =>
            e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Numbers) : [e.GetDouble()];
        var nodes = Items(tile.GetProperty("junction_nodes"));
        Assert.Equal(149, nodes.Count);
        Assert.Equal(Items(data.RootElement.GetProperty("junctionNodes")), nodes);
        var links = Items(tile.GetProperty("junction_links"));
        Assert.Equal(266, links.Count);
        Assert.Equal(Items(data.RootElement.GetProperty("junctionLinks")), links);
        Assert.Contains("5784.1 2653.9", nodes);
        Assert.Contains("5765.8 2646.8 5784.1 2653.9 1053 1054", links);
    }

    [Fact]
    public async Task Bubble_meta_counts_equal_the_polychain_bubble_ids()
    {
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(f.ChromosomeDir, "polychain-data.json.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var data = JsonDocument.Parse(gz);
        var chains = data.RootElement.GetProperty("chains").EnumerateArray().ToList();
        Assert.Equal(63, chains.Count);
        var ids = chains.Select(c => c.GetProperty("id").GetString()!).ToList();
        var batch = await f.Client.PostJson("/bubble-meta-batch", new { chain_ids = ids, chromosome = TestData.Chrom });
        foreach (var c in chains)
        {
            string id = c.GetProperty("id").GetString()!;
            var expected = c.GetProperty("bubble_ids").EnumerateArray().Select(b => $"b{b.GetInt32()}").ToList();
            var one = await f.Client.Json($"/bubble-meta?chain_id={E(id)}&chromosome={TestData.Chrom}");
            Assert.Equal(expected, one.GetProperty("bubbles").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
            Assert.Equal(expected.Count, batch.GetProperty(id).GetArrayLength());
        }
    }

    [Fact]
    public async Task Skeleton_files_are_served_for_drb1_including_the_spine_of_an_escaped_reference()
    {
        foreach (var route in new[] { "/skeleton", "/skeleton-bin", "/spine", "/polychain-data" })
        {
            using var resp = await f.Client.GetAsync($"{route}?chromosome={TestData.Chrom}");
            Assert.Equal(System.Net.HttpStatusCode.OK, resp.StatusCode);
            Assert.Equal("gzip", Assert.Single(resp.Content.Headers.ContentEncoding));
        }
        using (var spine = await f.Client.GetAsync($"/spine?chromosome={TestData.Chrom}&ref={E(TestData.Drb1Ref)}"))
        {
            var bytes = await spine.Content.ReadAsByteArrayAsync();
            using var doc = JsonDocument.Parse(new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress));
            Assert.Equal(31, doc.RootElement.GetProperty("spine").GetArrayLength());
        }
        var meta = await f.Client.Json($"/graph-meta?chromosome={TestData.Chrom}");
        Assert.Equal(3214, meta.GetProperty("total_segments").GetInt32());
        Assert.Equal(4380, meta.GetProperty("total_links").GetInt32());
    }
}

/// <summary>The L lines of the DRB1 GFA, read naively.</summary>
internal static class SimpleGfaLinks
{
    public static List<(int From, char Fs, int To, char Ts)> Load() =>
        File.ReadLines(TestData.Path("drb1", "DRB1-3123.gfa")).Where(l => l.StartsWith("L\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t')).Select(c => (int.Parse(c[1]), c[2][0], int.Parse(c[3]), c[4][0])).ToList();
}
