using Microsoft.Data.Sqlite;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Formats.PathIndex;

namespace Pangy.Core.Tests.Build;

public class ChromosomeBuilderTests(Drb1BuildFixture drb1) : IClassFixture<Drb1BuildFixture>
{
    private static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        return c;
    }

    private static T Scalar<T>(SqliteConnection c, string sql) { using var cmd = c.CreateCommand(); cmd.CommandText = sql; return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T)); }

    [Fact]
    public void Drb1_counts_match_the_reference()
    {
        var r = drb1.Result;
        Assert.Equal(3214, r.Segments);
        Assert.Equal(4380, r.Links);
        Assert.Equal(12, r.Samples);
        Assert.Equal(12, r.Paths);
        Assert.Equal(1488, r.ReferenceSteps);
        Assert.Equal("gi|568815592:32578768-32589835", r.ReferencePath);
        Assert.False(r.Renumbered);
    }

    [Fact]
    public void Drb1_step_index_is_one_based_inclusive_from_the_path_start()
    {
        using var c = Open(Path.Combine(drb1.Dir, "step_index.db"));
        Assert.Equal(1488L, Scalar<long>(c, "SELECT COUNT(*) FROM step_index WHERE genome = 'gi|568815592'"));
        Assert.Equal(32578769L, Scalar<long>(c, "SELECT start FROM step_index WHERE step = 0"));
        Assert.Equal(32589836L, Scalar<long>(c, "SELECT end FROM step_index WHERE step = 1487"));
        Assert.Equal(0L, Scalar<long>(c, "SELECT COUNT(*) FROM step_index a JOIN step_index b ON b.step = a.step + 1 WHERE b.start != a.end + 1"));

        var starts = NpyArray<uint>.ReadAll(Path.Combine(drb1.Dir, "steps.mmapindex", "starts.npy"));
        var ends = NpyArray<uint>.ReadAll(Path.Combine(drb1.Dir, "steps.mmapindex", "ends.npy"));
        Assert.Equal(1488, starts.Length);
        Assert.Equal(32578769u, starts[0]);
        Assert.Equal(32589836u, ends[^1]);
        Assert.True(starts.Zip(starts.Skip(1)).All(p => p.First < p.Second), "starts strictly increase");
        Assert.Equal($"{{\"version\": \"{PangyVersion.Current}\", \"length\": 1488, \"genome\": \"gi|568815592\"}}",
            File.ReadAllText(Path.Combine(drb1.Dir, "steps.mmapindex", "meta.json")));
    }

    [Fact]
    public void Drb1_step_index_keeps_the_reference_columns_keys_and_lookups_without_a_rowid()
    {
        using var c = Open(Path.Combine(drb1.Dir, "step_index.db"));
        Assert.Equal("CREATE TABLE step_index(step INTEGER NOT NULL, seg_id INTEGER NOT NULL, start INTEGER NOT NULL, " +
                     "end INTEGER NOT NULL, genome TEXT NOT NULL, PRIMARY KEY (genome, step)) WITHOUT ROWID",
            Scalar<string>(c, "SELECT sql FROM sqlite_master WHERE name = 'step_index'"));
        Assert.Equal("idx_genome,idx_seg_id", Scalar<string>(c,
            "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)"));
        // The reference's runtime read (§8.1): a segment's steps by seg_id, which must come back in step order as they
        // did from the rowid table. Repeated segments of the reference walk have several rows.
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seg_id, group_concat(step) FROM (SELECT seg_id, step FROM step_index WHERE genome = 'gi|568815592' " +
                          "AND seg_id IN (SELECT seg_id FROM step_index GROUP BY seg_id HAVING COUNT(*) > 1)) GROUP BY seg_id";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var steps = r.GetString(1).Split(',').Select(long.Parse).ToArray();
            Assert.Equal(steps.Order(), steps);
        }
        using var one = c.CreateCommand();
        one.CommandText = "SELECT step, start, end FROM step_index WHERE genome = 'gi|568815592' AND seg_id = " +
                          "(SELECT seg_id FROM step_index WHERE step = 0)";
        using var r1 = one.ExecuteReader();
        Assert.True(r1.Read());
        Assert.Equal((0L, 32578769L), (r1.GetInt64(0), r1.GetInt64(1)));
    }

    [Fact]
    public void Drb1_segments_db_has_the_reference_schema_and_values()
    {
        using var c = Open(Path.Combine(drb1.Dir, "segments.db"));
        Assert.Equal("CREATE TABLE segments(id INTEGER PRIMARY KEY, gc_count INTEGER NOT NULL, n_count INTEGER NOT NULL, length INTEGER NOT NULL, " +
                     "x1 REAL NOT NULL, y1 REAL NOT NULL, x2 REAL NOT NULL, y2 REAL NOT NULL, seq TEXT NOT NULL)",
            Scalar<string>(c, "SELECT sql FROM sqlite_master WHERE name = 'segments'"));
        Assert.Equal(3214L, Scalar<long>(c, "SELECT COUNT(*) FROM segments"));
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, seq, length, gc_count, n_count, x1, y1, x2, y2 FROM segments ORDER BY rowid";
        using var rd = cmd.ExecuteReader();
        int k = 0;
        while (rd.Read())
        {
            var (name, seq) = drb1.Gfa.Segments[k];
            Assert.Equal(long.Parse(name), rd.GetInt64(0));
            Assert.Equal(seq.ToUpperInvariant(), rd.GetString(1));
            Assert.Equal(seq.Length, rd.GetInt64(2));
            Assert.Equal(seq.Count(ch => ch is 'G' or 'C' or 'g' or 'c'), rd.GetInt64(3));
            Assert.Equal(seq.Count(ch => ch is 'N' or 'n'), rd.GetInt64(4));
            if (k == 0)
            {
                Assert.Equal(1075.05468974492, rd.GetDouble(5));
                Assert.Equal(1000.0, rd.GetDouble(6));
                Assert.Equal(1723.791240148213, rd.GetDouble(7));
                Assert.Equal(1425.171613576148, rd.GetDouble(8));
            }
            k++;
        }
        Assert.Equal(3214, k);
    }

    [Fact]
    public void Drb1_link_masks_and_frequency_match_the_paths()
    {
        var gfa = drb1.Gfa;
        // Independent computation: for each link, the samples whose path walks it in either orientation.
        var samples = new List<string>();
        var sampleOf = new Dictionary<string, int>();
        var walked = new Dictionary<string, HashSet<int>>();
        var reversed = new Dictionary<string, HashSet<int>>();
        foreach (var (name, steps) in gfa.Paths)
        {
            string sample = name.Split(':')[0];
            if (!sampleOf.TryGetValue(sample, out int idx)) { idx = samples.Count; samples.Add(sample); sampleOf[sample] = idx; }
            for (int i = 1; i < steps.Count; i++)
            {
                var (a, ao) = steps[i - 1];
                var (b, bo) = steps[i];
                string fwd = $"{a}{ao}{b}{bo}";
                string rev = $"{b}{(bo == '+' ? '-' : '+')}{a}{(ao == '+' ? '-' : '+')}";
                Add(walked, fwd, idx); Add(walked, rev, idx); Add(reversed, rev, idx);
            }
        }
        using var c = Open(Path.Combine(drb1.Dir, "links.db"));
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, from_id, from_strand, to_id, to_strand, haplotype, reverse, frequency FROM links ORDER BY rowid";
        using var rd = cmd.ExecuteReader();
        // Pangy's frequencies column in links.mmapindex holds the same float64 per link, in the same order.
        var column = NpyArray<double>.ReadAll(Path.Combine(drb1.Dir, "links.mmapindex", "frequencies.npy"));
        Assert.Equal(4380, column.Length);
        int k = 0, nonZero = 0;
        while (rd.Read())
        {
            Assert.Equal(rd.GetDouble(7), column[k]);
            var (f, fs, t, ts) = gfa.Links[k++];
            string id = $"{f}{fs}{t}{ts}";
            Assert.Equal(id, rd.GetString(0));
            Assert.Equal(long.Parse(f), rd.GetInt64(1));
            Assert.Equal(fs.ToString(), rd.GetString(2));
            var hap = walked.GetValueOrDefault(id) ?? [];
            var rev = reversed.GetValueOrDefault(id) ?? [];
            Assert.Equal(Mask(hap), rd.GetString(5));
            Assert.Equal(Mask(rev), rd.GetString(6));
            Assert.Equal((double)hap.Count / samples.Count, rd.GetDouble(7));
            if (hap.Count > 0) nonZero++;
        }
        Assert.Equal(4380, k);
        Assert.True(nonZero > 4000, $"{nonZero} links walked");

        static void Add(Dictionary<string, HashSet<int>> d, string k, int v) { if (!d.TryGetValue(k, out var s)) d[k] = s = []; s.Add(v); }
        static string Mask(HashSet<int> bits) => bits.Count == 0 ? "0" : new System.Numerics.BigInteger(bits.Aggregate(0UL, (m, b) => m | 1UL << b)).ToString("x").TrimStart('0');
    }

    [Fact]
    public void Drb1_every_binpath_decodes_to_its_gfa_path()
    {
        var index = PathIndexDocument.ReadFile(Path.Combine(drb1.Dir, "paths", "index.json"));
        var entries = index.Samples.SelectMany(s => s.Value.Select(e => (Sample: s.Key, Entry: e))).ToList();
        Assert.Equal(12, entries.Count);
        Assert.Equal(PangyVersion.Current, index.Version);
        foreach (var (name, steps) in drb1.Gfa.Paths)
        {
            var (sample, entry) = Assert.Single(entries, e => e.Entry.FullId == name);
            Assert.Equal(name.Split(':')[0], sample);
            var decoded = BinPathReader.ReadFile(Path.Combine(drb1.Dir, "paths", entry.File));
            Assert.Equal(steps.Select(s => s.Seg + s.Orient), decoded.Select(PathStep.ToText));
        }
        var refEntry = Assert.Single(entries, e => e.Entry.IsRef).Entry;
        Assert.Equal("gi|568815592__1.binpath", refEntry.File);
        Assert.Equal(32578768, refEntry.Start.Value);
        var sampleIdx = File.ReadAllText(Path.Combine(drb1.Dir, "paths", "sample_idx.json"));
        Assert.StartsWith("{\"gi|568815592\": 0, ", sampleIdx);
    }

    [Fact]
    public void Drb1_mmap_indexes_have_the_reference_dtypes_shapes_and_meta()
    {
        string seg = Path.Combine(drb1.Dir, "segments.mmapindex");
        foreach (var (file, descr) in new[] { ("length", "<u4"), ("gc_count", "<u4"), ("n_count", "<u4"), ("x1", "<f4"), ("y1", "<f4"), ("x2", "<f4"), ("y2", "<f4"), ("valid", "|u1") })
        {
            var h = NpyHeader.Read(Path.Combine(seg, file + ".npy"));
            Assert.Equal(descr, h.Descr);
            Assert.Equal(3215, h.Length);
        }
        Assert.Equal($"{{\"version\": \"{PangyVersion.Current}\", \"count\": 3214, \"max_id\": 3214}}", File.ReadAllText(Path.Combine(seg, "meta.json")));
        var valid = NpyArray<byte>.ReadAll(Path.Combine(seg, "valid.npy"));
        Assert.Equal(0, valid[0]);
        Assert.Equal(3214, valid.Count(v => v == 1));
        Assert.Equal(1075.0547f, NpyArray<float>.ReadAll(Path.Combine(seg, "x1.npy"))[1]);

        string lnk = Path.Combine(drb1.Dir, "links.mmapindex");
        foreach (var (file, descr, len) in new[] { ("from_ids", "<u4", 4380), ("to_ids", "<u4", 4380), ("from_strands", "|u1", 4380), ("to_strands", "|u1", 4380), ("seg_index_flat", "<u4", 8760), ("frequencies", "<f8", 4380) })
        {
            var h = NpyHeader.Read(Path.Combine(lnk, file + ".npy"));
            Assert.Equal(descr, h.Descr);
            Assert.Equal(len, h.Length);
        }
        Assert.Equal($"{{\"version\": \"{PangyVersion.Current}\", \"num_links\": 4380}}", File.ReadAllText(Path.Combine(lnk, "meta.json")));
        var from = NpyArray<uint>.ReadAll(Path.Combine(lnk, "from_ids.npy"));
        var fs = NpyArray<byte>.ReadAll(Path.Combine(lnk, "from_strands.npy"));
        var offsets = NpyArray<uint>.ReadAll(Path.Combine(lnk, "seg_index_offsets.npy"));
        var counts = NpyArray<uint>.ReadAll(Path.Combine(lnk, "seg_index_counts.npy"));
        var flat = NpyArray<uint>.ReadAll(Path.Combine(lnk, "seg_index_flat.npy"));
        Assert.Equal(1u, from[0]);
        Assert.Equal(drb1.Gfa.Links[0].Fs == '+' ? 1 : 0, fs[0]);
        // Segment 1's links: every link with 1 as an end, in link order.
        var expected = drb1.Gfa.Links.Select((l, i) => (l, i)).Where(x => x.l.From == "1" || x.l.To == "1").Select(x => (uint)x.i);
        Assert.Equal(expected, flat.AsSpan((int)offsets[1], (int)counts[1]).ToArray());
    }

    [Fact]
    public async Task Rebuilding_gives_byte_identical_artifacts()
    {
        using var tmp = new TempDir();
        var again = tmp["DRB1"];
        await Pangy.Core.Build.ChromosomeBuilder.BuildAsync(Pangy.Core.Build.InputFile.FromPath(TestData.Drb1Gfa), Pangy.Core.Build.InputFile.FromPath(TestData.Drb1Layout),
            new Pangy.Core.Build.ChromosomeBuildOptions { Reference = TestData.Drb1Ref }, again);
        var files = Directory.GetFiles(drb1.Dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(drb1.Dir, f)).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(again, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(again, f)).Order());
        foreach (var f in files)
            Assert.True(File.ReadAllBytes(Path.Combine(drb1.Dir, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, f))), $"{f} differs");
    }
}
