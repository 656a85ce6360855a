using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pangy.Core.Bubbles;
using Pangy.Core.Formats.BubbleGunJson;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Tests.Bubbles;

/// <summary>The bubble stage on DRB1-3123 against the reference's verified numbers (§3.3, §4.1, §6, §10.2, decision 7).</summary>
public sealed class Drb1BubbleTests : IClassFixture<Drb1BubbleTests.Drb1Build>
{
    /// <summary>Builds the DRB1 chromosome directory once and runs the native stage on it.</summary>
    public sealed class Drb1Build : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("pangy-drb1-bubbles").FullName;
        public string Dir => Path.Combine(Root, "DRB1");
        public BubbleStageResult Result { get; }
        public Dictionary<int, BubbleDbRow> Rows { get; }

        public Drb1Build()
        {
            TestGraphs.BuildChromosome(Dir, TestGraphs.Data("drb1", "DRB1-3123.gfa"), TestGraphs.Data("drb1", "DRB1-3123.lay.tsv"), "gi|568815592");
            Result = BubbleStage.Run(Dir);
            Rows = BubbleDbRow.ReadAll(Path.Combine(Dir, "bubbles.db"));
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private readonly Drb1Build _build;
    public Drb1BubbleTests(Drb1Build build) => _build = build;

    private string Db => Path.Combine(_build.Dir, "bubbles.db");
    private string Index(string name) => Path.Combine(_build.Dir, "bubbles.mmapindex", name);

    [Fact]
    public void Counts_match_the_reference()
    {
        var r = _build.Result;
        Assert.Equal((874, 599, 234, 41, 117, 4), (r.Bubbles, r.Simple, r.Super, r.Insertion, r.Chains, r.CompactedSegments));
        Assert.Equal(874, _build.Rows.Count);
        Assert.Equal(599, _build.Rows.Values.Count(b => b.Subtype == "simple"));
        Assert.Equal(117, _build.Rows.Values.Select(b => b.Chain).Distinct().Count());
    }

    [Fact]
    public void Fingerprint_matches_the_reference()
    {
        string fp = BubbleFingerprint.Compute(Db, out int rows);
        Assert.Equal(874, rows);
        Assert.Equal("e26e6704ffe5384c", fp);
    }

    [Fact]
    public void Bubble_2_is_the_row_the_reference_documents()
    {
        // §3.3: 2|2|1|simple||[]|[null, 3]|[32]|[28]|[30, 31]|[[18, 18]]|[[17, 19]]|20|10|0|…
        var b = _build.Rows[2];
        Assert.Equal((2, 1, "simple", (long?)null), (b.Chain, b.ChainStep, b.Subtype, b.Parent));
        Assert.Equal(("[]", "[null, 3]", "[32]", "[28]", "[30, 31]"), (b.Children, b.Siblings, b.Source, b.Sink, b.Inside));
        Assert.Equal(("[[18, 18]]", "[[17, 19]]"), (b.RangeExclusive, b.RangeInclusive));
        Assert.Equal((20L, 10L, 0L), (b.Length, b.GcCount, b.NCount));
        // Decision 3: the links between each end and the interior (L 30+32+, 31+32+, 28+30+, 28+31+ in the GFA).
        Assert.Equal("{\"source\":[\"30+32+\",\"31+32+\"],\"sink\":[\"28+30+\",\"28+31+\"]}", b.LinkData);
    }

    [Fact]
    public void Bubbles_the_reference_tests_name_have_their_contents()
    {
        // §10.2: the SNP 11/17 holds {12, 13}; 141/133 has the child 138/136; 382/369 has 8 inside and no children.
        var snp = Single(11, 17);
        Assert.Equal(("simple", "[12, 13]"), (snp.Subtype, snp.Inside));
        var outer = Single(141, 133);
        var inner = Single(138, 136);
        Assert.Equal($"[{inner.Id}]", outer.Children);
        Assert.Equal(outer.Id, inner.Parent);
        var big = Single(382, 369);
        Assert.Equal(8, JsonSerializer.Deserialize<int[]>(big.Inside)!.Length);
        Assert.Equal("[]", big.Children);
    }

    [Fact]
    public void Nesting_and_ranges_match_the_reference()
    {
        var rows = _build.Rows;
        Assert.Equal(768, rows.Values.Count(b => b.Parent is null));
        Assert.Equal(254, rows.Values.Count(b => b.RangeInclusive == "[]"));
        int Hops(BubbleDbRow b) { int h = 0; while (b.Parent is { } p) { b = rows[(int)p]; h++; } return h; }
        Assert.Equal(2, rows.Values.Max(Hops));
        // Every child is listed by its parent, in id order, and only parents are super bubbles.
        foreach (var b in rows.Values.Where(b => b.Parent is not null))
        {
            var parent = rows[(int)b.Parent!];
            Assert.Equal("super", parent.Subtype);
            Assert.Contains(b.Id, JsonSerializer.Deserialize<int[]>(parent.Children)!);
        }
    }

    [Fact]
    public void Index_matches_the_reference()
    {
        var ids = NpyArray<uint>.ReadAll(Index("ids.npy"));
        var starts = NpyArray<uint>.ReadAll(Index("start_steps.npy"));
        var ends = NpyArray<uint>.ReadAll(Index("end_steps.npy"));
        Assert.Equal(583, ids.Length);
        Assert.Equal(583, starts.Length);
        Assert.Equal(583, ends.Length);
        for (int i = 1; i < ids.Length; i++)
            Assert.True((starts[i - 1], ends[i - 1], ids[i - 1]).CompareTo((starts[i], ends[i], ids[i])) < 0);
        Assert.All(ids, id => Assert.Null(_build.Rows[(int)id].Parent));

        var layoutIds = NpyArray<uint>.ReadAll(Index("layout_ids.npy"));
        var x1 = NpyArray<float>.ReadAll(Index("layout_x1.npy"));
        var x2 = NpyArray<float>.ReadAll(Index("layout_x2.npy"));
        Assert.Equal(768, layoutIds.Length);
        Assert.Equal(768, x1.Length);
        for (int i = 0; i < layoutIds.Length; i++)
        {
            var b = _build.Rows[(int)layoutIds[i]];
            Assert.Equal((float)Math.Min(b.X1, b.X2), x1[i]);
            Assert.Equal((float)Math.Max(b.X1, b.X2), x2[i]);
            if (i > 0) Assert.True(x1[i - 1] <= x1[i]);
        }

        Assert.Equal(875, NpyArray<uint>.ReadAll(Index("bubble_to_parent.npy")).Length);
        var segToBubble = NpyArray<uint>.ReadAll(Index("segment_to_bubble.npy"));
        Assert.Equal(3215, segToBubble.Length);
        Assert.Equal(2u, segToBubble[30]);
        Assert.Equal(0u, segToBubble[32]);   // the boundary of a top-level bubble stays 0
        var inner = Single(138, 136);
        Assert.Equal((uint)inner.Parent!, segToBubble[138]);   // a nested bubble's ends map to its parent
        Assert.Equal($"{{\"version\": \"{PangyVersion.Current}\", \"num_bubbles\": 583}}", File.ReadAllText(Index("meta.json")));
    }

    [Fact]
    public void Every_link_data_link_joins_an_end_to_the_interior()
    {
        foreach (var b in _build.Rows.Values)
        {
            using var doc = JsonDocument.Parse(b.LinkData);
            var source = JsonSerializer.Deserialize<int[]>(b.Source)!;
            var sink = JsonSerializer.Deserialize<int[]>(b.Sink)!;
            var inside = AllInside(b).ToHashSet();
            foreach (var (key, end) in new[] { ("source", source), ("sink", sink) })
            {
                var links = doc.RootElement.GetProperty(key).EnumerateArray().Select(e => e.GetString()!).ToList();
                Assert.NotEmpty(links);
                foreach (var link in links)
                {
                    var (a, c) = ParseLink(link);
                    Assert.True((end.Contains(a) && inside.Contains(c)) || (end.Contains(c) && inside.Contains(a)), $"bubble {b.Id}: {link}");
                }
            }
        }
    }

    [Fact]
    public void Output_is_deterministic()
    {
        string again = Path.Combine(_build.Root, "again");
        TestGraphs.BuildChromosome(again, TestGraphs.Data("drb1", "DRB1-3123.gfa"), TestGraphs.Data("drb1", "DRB1-3123.lay.tsv"), "gi|568815592");
        BubbleStage.Run(again);
        Assert.Equal(File.ReadAllBytes(Db), File.ReadAllBytes(Path.Combine(again, "bubbles.db")));
        foreach (var file in Directory.GetFiles(Path.Combine(_build.Dir, "bubbles.mmapindex")))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(again, "bubbles.mmapindex", Path.GetFileName(file))));
    }

    [Fact]
    public void BubbleGun_json_of_the_native_result_imports_to_the_same_bubbles()
    {
        // Write the native result as BubbleGun JSON (full interiors, string ids), then build bubbles from that file alone.
        string dir = Path.Combine(_build.Root, "from-json");
        TestGraphs.BuildChromosome(dir, TestGraphs.Data("drb1", "DRB1-3123.gfa"), TestGraphs.Data("drb1", "DRB1-3123.lay.tsv"), "gi|568815592");
        var native = BubbleComputation.Native(BubbleGraphInput.Load(dir));
        string json = Path.Combine(_build.Root, "DRB1.bubbles.json");
        using (var fs = File.Create(json))
            BubbleGunJsonWriter.Write(fs, BubbleGunExport.FromComputation(native));

        // The file has BubbleGun's shape: chains keyed by id, string node ids, full interiors.
        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            Assert.Equal(117, doc.RootElement.EnumerateObject().Count());
            var chain2 = doc.RootElement.GetProperty("2");
            Assert.Equal(2, chain2.GetProperty("chain_id").GetInt32());
            var first = chain2.GetProperty("bubbles")[0];
            Assert.Equal("simple", first.GetProperty("type").GetString());
            Assert.Equal(2, first.GetProperty("id").GetInt32());
            Assert.Equal(["32", "28"], first.GetProperty("ends").EnumerateArray().Select(e => e.GetString()!).ToArray());
            Assert.Equal(["30", "31"], first.GetProperty("inside").EnumerateArray().Select(e => e.GetString()!).ToArray());
            var outer = Single(141, 133);
            var listed = doc.RootElement.EnumerateObject().SelectMany(c => c.Value.GetProperty("bubbles").EnumerateArray())
                .Single(e => e.GetProperty("id").GetInt32() == outer.Id);
            // Full interior: the nested 138/136 bubble's segments are listed too.
            Assert.Equal(["135", "136", "137", "138", "139"], listed.GetProperty("inside").EnumerateArray().Select(e => e.GetString()!).ToArray());
        }

        var result = BubbleStage.Run(dir, json);
        Assert.Equal((874, 599, 234, 41, 117, 4), (result.Bubbles, result.Simple, result.Super, result.Insertion, result.Chains, result.CompactedSegments));
        Assert.Equal("e26e6704ffe5384c", BubbleFingerprint.Compute(Path.Combine(dir, "bubbles.db")));
        Assert.Equal(File.ReadAllBytes(Db), File.ReadAllBytes(Path.Combine(dir, "bubbles.db")));
    }

    private BubbleDbRow Single(int a, int b) =>
        _build.Rows.Values.Single(r => new[] { Head(r.Source), Head(r.Sink) }.Order().SequenceEqual(new[] { a, b }.Order()));

    private static int Head(string list) => JsonSerializer.Deserialize<int[]>(list)![0];

    // A bubble's full interior: its exclusive inside plus everything its descendants claim.
    private IEnumerable<int> AllInside(BubbleDbRow b)
    {
        foreach (var s in JsonSerializer.Deserialize<int[]>(b.Inside)!) yield return s;
        foreach (var c in JsonSerializer.Deserialize<int[]>(b.Children)!)
        {
            var child = _build.Rows[c];
            foreach (var s in JsonSerializer.Deserialize<int[]>(child.Source)!) yield return s;
            foreach (var s in JsonSerializer.Deserialize<int[]>(child.Sink)!) yield return s;
            foreach (var s in AllInside(child)) yield return s;
        }
    }

    private static (int, int) ParseLink(string id)
    {
        int split = id.IndexOfAny(['+', '-']);
        return (int.Parse(id[..split]), int.Parse(id[(split + 1)..^1]));
    }
}

/// <summary>One bubbles.db row as stored.</summary>
public sealed record BubbleDbRow(int Id, int Chain, int ChainStep, string Subtype, long? Parent, string Children, string Siblings,
    string Source, string Sink, string Inside, string RangeExclusive, string RangeInclusive, long Length, long GcCount, long NCount,
    double X1, double X2, double Y1, double Y2, string LinkData)
{
    public static Dictionary<int, BubbleDbRow> ReadAll(string path)
    {
        using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT id, chain, chain_step, subtype, parent, children, siblings, source, sink, inside, range_exclusive, " +
            "range_inclusive, length, gc_count, n_count, x1, x2, y1, y2, link_data FROM bubbles ORDER BY id";
        using var r = cmd.ExecuteReader();
        var rows = new Dictionary<int, BubbleDbRow>();
        while (r.Read())
        {
            var row = new BubbleDbRow(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4),
                r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10), r.GetString(11),
                r.GetInt64(12), r.GetInt64(13), r.GetInt64(14), r.GetDouble(15), r.GetDouble(16), r.GetDouble(17), r.GetDouble(18), r.GetString(19));
            rows.Add(row.Id, row);
        }
        return rows;
    }
}
