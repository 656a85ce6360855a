using System.Text.Json;
using System.Text.RegularExpressions;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Skeleton;

namespace Pangy.Core.Tests.Skeleton;

/// <summary>The skeleton stage on DRB1-3123 against the reference's verified numbers (§7, §10.2).</summary>
public sealed class Drb1SkeletonTests(Drb1SkeletonFixture f) : IClassFixture<Drb1SkeletonFixture>
{
    [Fact]
    public void Stage_result_has_the_reference_counts()
    {
        var r = f.Result;
        Assert.Equal((11, 1324, 2487, 31, 34), (r.Levels, r.Junctions, r.Runs, r.SpinePoints, r.PolychainChains));
    }

    [Fact]
    public void Skeleton_meta_starts_with_version_and_floor_snap()
    {
        string text = SkeletonFiles.GunzipText(f.PathOf("skeleton", "meta.json.gz"));
        // The reference finds both with a regex over the first 200 characters.
        string head = text[..200];
        Assert.Equal(PangyVersion.Current, Regex.Match(head, "\"version\"\\s*:\\s*\"([^\"]+)\"").Groups[1].Value);
        Assert.Equal("floor", Regex.Match(head, "\"snap\"\\s*:\\s*\"([^\"]+)\"").Groups[1].Value);
        Assert.StartsWith($"{{\"meta\": {{\"version\": \"{PangyVersion.Current}\", \"encoding\": \"grid-varint\", \"snap\": \"floor\"}}, " +
                          "\"stats\": {\"totalSegments\": 3214, \"totalLinks\": 4380, \"junctionCount\": 1324, \"runCount\": 2487}, " +
                          "\"chromosome\": \"DRB1\", \"levels\": [", text);
    }

    [Fact]
    public void Skeleton_meta_levels_are_the_dyadic_ladder_from_25()
    {
        using var doc = SkeletonFiles.GunzipJson(f.PathOf("skeleton", "meta.json.gz"));
        var levels = doc.RootElement.GetProperty("levels").EnumerateArray().ToList();
        Assert.Equal([25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600], levels.Select(l => l.GetProperty("gridSize").GetInt32()));
        Assert.Equal("Grid 25", levels[0].GetProperty("label").GetString());
        Assert.Equal("Grid 25,600", levels[^1].GetProperty("label").GetString());
        // The finest level is the reference's example row (byteLength depends on traversal order; here it agrees too).
        Assert.Equal("{\"gridSize\": 25, \"label\": \"Grid 25\", \"nodeCount\": 933, \"polylineCount\": 129, \"numPolylines\": 129, " +
                     "\"totalPoints\": 933, \"byteLength\": 2372}", levels[0].GetRawText());
        foreach (var l in levels)
        {
            Assert.Equal(l.GetProperty("polylineCount").GetInt32(), l.GetProperty("numPolylines").GetInt32());
            Assert.Equal(l.GetProperty("nodeCount").GetInt64(), l.GetProperty("totalPoints").GetInt64());
        }
        // Coarser levels never hold more points than finer ones; the coarsest cell exceeds the 12,878-unit layout.
        for (int i = 1; i < levels.Count; i++)
            Assert.True(levels[i].GetProperty("nodeCount").GetInt64() <= levels[i - 1].GetProperty("nodeCount").GetInt64());
        Assert.Equal(0, levels[^1].GetProperty("byteLength").GetInt64());
    }

    [Fact]
    public void Skeleton_chain_meta_agrees_with_bubbles_db()
    {
        var bubbles = SkeletonFiles.ReadBubbles(f.Dir);
        using var doc = SkeletonFiles.GunzipJson(f.PathOf("skeleton", "meta.json.gz"));
        var meta = doc.RootElement.GetProperty("chainMeta");
        var chains = bubbles.Values.GroupBy(b => b.Chain).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(117, meta.EnumerateObject().Count());
        Assert.Equal(chains.Keys.OrderBy(c => c).Select(c => c.ToString()), meta.EnumerateObject().Select(p => p.Name));
        foreach (var (chain, members) in chains)
        {
            var m = meta.GetProperty(chain.ToString());
            Assert.Equal(members.Count, m.GetProperty("n_bubbles").GetInt32());
            Assert.Equal(members.Sum(b => b.Length), m.GetProperty("total_length").GetInt64());
            int? parentBubble = members.Select(b => b.Parent).FirstOrDefault(p => p is not null);
            if (parentBubble is null)
            {
                Assert.Equal(JsonValueKind.Null, m.GetProperty("parent").ValueKind);
                Assert.False(m.TryGetProperty("parent_bubble", out _));
            }
            else
            {
                Assert.Equal(bubbles[parentBubble.Value].Chain, m.GetProperty("parent").GetInt32());
                Assert.Equal(parentBubble.Value, m.GetProperty("parent_bubble").GetInt32());
            }
            Assert.False(m.TryGetProperty("parent_subtype", out _));
        }
    }

    [Fact]
    public void Spine_has_31_points_along_the_reference()
    {
        string name = "spine-gi|568815592.json.gz";
        Assert.Equal(name, SpineWriter.FileName(TestData.Drb1Ref));
        using var doc = SkeletonFiles.GunzipJson(f.PathOf("skeleton", name));
        Assert.Equal(PangyVersion.Current, doc.RootElement.GetProperty("meta").GetProperty("version").GetString());
        var spine = doc.RootElement.GetProperty("spine").EnumerateArray().Select(p => p.EnumerateArray().ToArray()).ToList();
        Assert.Equal(31, spine.Count);
        // Step 0 starts at 32,578,769; the last step (1487) ends at 32,589,836: the points are the steps' midpoints.
        Assert.InRange(spine[0][2].GetInt64(), 32_578_769, 32_578_769 + 1000);
        Assert.InRange(spine[^1][2].GetInt64(), 32_589_836 - 1000, 32_589_836);
        for (int i = 1; i < spine.Count; i++) Assert.True(spine[i][2].GetInt64() > spine[i - 1][2].GetInt64());
        Assert.Equal("[1000.5, 2171.3, 32578769]", string.Join("", doc.RootElement.GetProperty("spine")[0].GetRawText()));
    }

    [Fact]
    public void Polychain_index_has_34_chains_sorted_by_x()
    {
        string dir = f.PathOf("polychain.mmapindex");
        var ids = NpyArray<long>.ReadAll(Path.Combine(dir, "chain_ids.npy"));
        var x1 = NpyArray<double>.ReadAll(Path.Combine(dir, "chain_x1.npy"));
        var x2 = NpyArray<double>.ReadAll(Path.Combine(dir, "chain_x2.npy"));
        Assert.Equal(34, ids.Length);
        Assert.Equal(34, x1.Length);
        Assert.Equal(34, x2.Length);
        for (int i = 1; i < ids.Length; i++) Assert.True(x1[i - 1] <= x1[i]);
        for (int i = 0; i < ids.Length; i++) Assert.True(x1[i] <= x2[i]);
        Assert.Equal($"{{\"version\": \"{PangyVersion.Current}\", \"num_chains\": 34}}", File.ReadAllText(Path.Combine(dir, "meta.json")));
        Assert.Equal(ids.Select(i => $"{i}.json.gz").OrderBy(n => n, StringComparer.Ordinal),
            Directory.GetFiles(Path.Combine(dir, "decomp")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_top_level_chain_is_in_the_polychain_index()
    {
        // §10.2: every layout chain is indexed, at the top level or as a decomposed child c<id>[:…].
        var bubbles = SkeletonFiles.ReadBubbles(f.Dir);
        var topChains = bubbles.Values.Where(b => b.Parent is null).Select(b => b.Chain).ToHashSet();
        Assert.Equal(34, topChains.Count);
        var indexed = NpyArray<long>.ReadAll(f.PathOf("polychain.mmapindex", "chain_ids.npy")).Select(i => (int)i).ToHashSet();
        Assert.Equal(topChains, indexed);
    }

    [Fact]
    public void Polychain_data_has_the_reference_counts()
    {
        using var doc = SkeletonFiles.GunzipJson(f.PathOf("polychain-data.json.gz"));
        var root = doc.RootElement;
        Assert.Equal(["chains", "junction", "junctionNodes", "junctionLinks"], root.EnumerateObject().Select(p => p.Name));
        var junction = root.GetProperty("junction");
        Assert.Equal(["ids", "x1", "y1", "x2", "y2", "lengths", "gcCounts", "links"], junction.EnumerateObject().Select(p => p.Name));
        Assert.Equal(63, root.GetProperty("chains").GetArrayLength());
        Assert.Equal(136, junction.GetProperty("ids").GetArrayLength());
        foreach (string column in new[] { "x1", "y1", "x2", "y2", "lengths", "gcCounts" })
            Assert.Equal(136, junction.GetProperty(column).GetArrayLength());
        // junction.links: the GFA links touching a junction segment, each unordered pair once.
        Assert.Equal(234, junction.GetProperty("links").GetArrayLength());
        Assert.Equal(149, root.GetProperty("junctionNodes").GetArrayLength());
        // junctionLinks: the drawn links (naked segments, chain ends, bypasses); §7.4's "266 junction links".
        Assert.Equal(266, root.GetProperty("junctionLinks").GetArrayLength());
    }

    [Fact]
    public void Polychain_data_chains_drop_internal_keys_and_carry_popped_and_graph()
    {
        using var doc = SkeletonFiles.GunzipJson(f.PathOf("polychain-data.json.gz"));
        foreach (var c in doc.RootElement.GetProperty("chains").EnumerateArray())
        {
            var keys = c.EnumerateObject().Select(p => p.Name).ToList();
            Assert.DoesNotContain("_layout_span", keys);
            Assert.DoesNotContain("_start_seg", keys);
            Assert.DoesNotContain("_min_step", keys);
            Assert.Contains("_pl_x_min", keys);
            Assert.Equal(["popped", "graph"], keys[^2..]);
            Assert.False(c.GetProperty("popped").GetBoolean());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("graph").ValueKind);
            Assert.True(c.GetProperty("polyline").GetArrayLength() >= 2);
            Assert.Equal(c.GetProperty("n_bubbles").GetInt32(), c.GetProperty("bubble_ids").GetArrayLength());
            Assert.Equal(c.GetProperty("n_bubbles").GetInt32(), c.GetProperty("bubble_t").GetArrayLength());
        }
        // Chain c2 is not decomposed: no parent_chain, no ancestors (§7.4).
        var c2 = doc.RootElement.GetProperty("chains").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "c2");
        Assert.False(c2.TryGetProperty("parent_chain", out _));
        Assert.False(c2.TryGetProperty("ancestors", out _));
    }

    [Fact]
    public void Decomposition_files_hold_the_reference_keys()
    {
        foreach (string file in Directory.GetFiles(f.PathOf("polychain.mmapindex", "decomp")))
        {
            using var doc = SkeletonFiles.GunzipJson(file);
            Assert.Equal(["chains", "bubbles", "bypass_links", "bypass_seg_ids", "bypass_gfa_links", "decomposed_bubbles"],
                doc.RootElement.EnumerateObject().Select(p => p.Name));
            var segs = doc.RootElement.GetProperty("bypass_seg_ids").EnumerateArray().Select(e => e.GetInt32()).ToList();
            Assert.Equal(segs.OrderBy(s => s), segs);
            foreach (var c in doc.RootElement.GetProperty("chains").EnumerateArray())
            {
                var keys = c.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Equal(["id", "polyline", "length", "gc_count", "bp_span", "bp_start", "bp_end", "bp_head", "bp_tail", "n_bubbles",
                    "subtype", "source_segs", "sink_segs", "bubble_t", "bubble_ids", "_layout_span", "_start_seg", "_end_seg", "_min_step",
                    "_max_step", "depth"], keys.Take(21));
            }
        }
    }

    [Fact]
    public void Chain_ends_junction_segments_and_bubble_segments_cover_every_segment()
    {
        // §10.2: chain endpoints ∪ junction.ids ∪ all bubble segments (recursively) ⊇ every valid segment.
        using var doc = SkeletonFiles.GunzipJson(f.PathOf("polychain-data.json.gz"));
        var covered = new HashSet<int>();
        foreach (var c in doc.RootElement.GetProperty("chains").EnumerateArray())
        {
            foreach (var s in c.GetProperty("source_segs").EnumerateArray()) covered.Add(s.GetInt32());
            foreach (var s in c.GetProperty("sink_segs").EnumerateArray()) covered.Add(s.GetInt32());
        }
        foreach (var s in doc.RootElement.GetProperty("junction").GetProperty("ids").EnumerateArray()) covered.Add(s.GetInt32());
        foreach (var b in SkeletonFiles.ReadBubbles(f.Dir).Values)
            covered.UnionWith(b.Source.Concat(b.Sink).Concat(b.Inside));

        var valid = NpyArray<byte>.ReadAll(f.PathOf("segments.mmapindex", "valid.npy"));
        var missing = Enumerable.Range(0, valid.Length).Where(s => valid[s] != 0 && !covered.Contains(s)).ToList();
        Assert.Empty(missing);
        Assert.Equal(3214, valid.Count(v => v != 0));

        // Hence every link has an end that is drawn by a chain, a bubble or the junction graph.
        var from = NpyArray<uint>.ReadAll(f.PathOf("links.mmapindex", "from_ids.npy"));
        var to = NpyArray<uint>.ReadAll(f.PathOf("links.mmapindex", "to_ids.npy"));
        Assert.All(Enumerable.Range(0, from.Length), i => Assert.True(covered.Contains((int)from[i]) && covered.Contains((int)to[i])));
    }

    [Fact]
    public void Graph_meta_is_the_reference_file()
    {
        Assert.Equal("""
            {
              "chromosome": "DRB1",
              "total_segments": 3214,
              "total_links": 4380,
              "sample_count": 12,
              "layout_bbox": {
                "min_x": 1000.0,
                "max_x": 13878.37,
                "min_y": 1000.0,
                "max_y": 4359.5
              },
              "median_link_distance": 6.88,
              "total_bubbles": 874,
              "max_bubble_depth": 2,
              "bp_range": {
                "start": 32578769,
                "end": 32589836
              }
            }
            """.ReplaceLineEndings("\n"), File.ReadAllText(f.PathOf("meta.json")));
    }

    [Fact]
    public void Decomposing_the_chain_from_segment_640_at_threshold_1_gives_24_entries_and_41_bypass_segments()
    {
        // The reference's own DRB1 test (test_chain_polyline.py): the top-level chain whose first bubble's source holds
        // segment 640 (108 bubbles, 11 superbubbles), decomposed to depth 3, gives 24 entries (connectors and child
        // chains) and 41 bypass segments at threshold 1, and stays one entry at threshold 50.
        using var graph = SkeletonGraph.Open(f.Dir);
        using var bubbles = BubbleTable.Open(f.Dir);
        var fine = new Pangy.Core.Skeleton.Polychains.ChainDecomposer(graph, bubbles, expandThreshold: 1, maxDepth: 3);
        var top = Enumerable.Range(1, bubbles.MaxId).Where(b => bubbles.Exists[b] && bubbles.Parent[b] == 0).Select(b => bubbles.Chain[b]).Distinct();
        var (chain, members) = top.Select(c => (c, fine.AssembleTopLevel(c))).Single(x => bubbles.Source(x.Item2[0]).Contains(640));
        Assert.Equal(108, members.Count);
        Assert.Equal(11, members.Count(b => !bubbles.Children(b).IsEmpty));
        var r = fine.DecomposeTopLevel(chain, members);
        Assert.Equal(24, r.Entries.Count);
        Assert.Equal(41, r.BypassSegIds.Count);
        Assert.Contains(r.Entries, e => e.Connector && e.Id.Contains(':'));
        Assert.Contains(r.Entries, e => !e.Id.Contains(':'));

        using var bubbles2 = BubbleTable.Open(f.Dir);
        var coarse = new Pangy.Core.Skeleton.Polychains.ChainDecomposer(graph, bubbles2, expandThreshold: 50, maxDepth: 3);
        Assert.Single(coarse.DecomposeTopLevel(chain, coarse.AssembleTopLevel(chain)).Entries);
    }

    [Fact]
    public void Running_again_gives_byte_identical_outputs()
    {
        var first = SkeletonFiles.Outputs(f.Dir);
        string copy = Path.Combine(f.Root, "again");
        SkeletonFiles.CopyDirectory(f.Dir, copy);
        var result = SkeletonStage.Run(copy, "DRB1", TestData.Drb1Ref);
        Assert.Equal(f.Result with { Elapsed = default }, result with { Elapsed = default });
        var second = SkeletonFiles.Outputs(copy);
        Assert.Equal(first.Keys, second.Keys);
        foreach (var (name, bytes) in first) Assert.True(bytes.AsSpan().SequenceEqual(second[name]), $"{name} differs");
        // gzip members carry mtime 0 (bytes 4..7 of the header).
        Assert.All(first.Where(kv => kv.Key.EndsWith(".gz", StringComparison.Ordinal)), kv => Assert.Equal(new byte[4], kv.Value[4..8]));
        Assert.False(Directory.Exists(Path.Combine(copy, ".skeleton.partial")));
    }

    [Fact]
    public void Outputs_are_the_recorded_bytes()
    {
        // Recorded before the stage's memory work (issue 4 follow-up); any change to an output byte changes it.
        Assert.Equal("8c1f6f6fa938892f0b64eb6f6ed08f40c02a1c31236749ce4318df1aab8828e4", SkeletonFiles.ContentDigest(f.Dir));
    }
}
