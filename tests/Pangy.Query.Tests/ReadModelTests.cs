using Pangy.Core;
using Pangy.Core.Datastore;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.PathBlocks;
using Pangy.Core.Query;
using Pangy.Core.Sqlite;
using static Pangy.Query.Tests.Http;

namespace Pangy.Query.Tests;

/// <summary>The read model on its own: index version checks (decision 4), reopening a replaced chromosome, path blocks.</summary>
[Collection(QueryCollection.Name)]
public sealed class ReadModelTests(QueryFixture f) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pangy-readmodel").FullName;

    private string CopyChromosome(string dataset, string name)
    {
        string dir = Path.Combine(_root, "graphs", dataset, name);
        QueryFixture.CopyDirectory(f.ChromosomeDir, dir);
        return dir;
    }

    [Theory]
    [InlineData("segments.mmapindex")]
    [InlineData("links.mmapindex")]
    [InlineData("steps.mmapindex")]
    [InlineData("bubbles.mmapindex")]
    [InlineData("polychain.mmapindex")]
    public async Task An_index_of_an_unknown_version_is_a_clear_503(string index)
    {
        string dir = CopyChromosome("ds", "DRB1");
        string meta = Path.Combine(dir, index, "meta.json");
        File.WriteAllText(meta, File.ReadAllText(meta).Replace(PangyVersion.Current, "v9.9.9", StringComparison.Ordinal));
        using var factory = new QueryAppFactory(_root);
        using var client = factory.CreateClient();
        string q = $"genome={E(TestData.Drb1Ref)}&chromosome=DRB1";
        string url = index switch
        {
            "polychain.mmapindex" => $"/detail-tiles?{q}&start=1&end=2&ppbp=1&layout_min_x=1000&layout_max_x=14000",
            "links.mmapindex" => $"/pop?{q}&id=b{f.BubbleWithEnds(11, 17).Id}",
            _ => $"/select?{q}&start=32580000&end=32585000",
        };
        var body = await client.Json(url, 503);
        string error = body.GetProperty("error").GetString()!;
        Assert.Contains(index, error);
        Assert.Contains("v9.9.9", error);
        Assert.Contains("rebuild", error);
    }

    private static List<double> TableFrequencies(ChromosomeLayout layout)
    {
        var expected = new List<double>();
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={layout.LinksDb};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT frequency FROM links ORDER BY rowid";
        using var r = cmd.ExecuteReader();
        while (r.Read()) expected.Add(r.GetDouble(0));
        return expected;
    }

    [Fact]
    public void Link_frequencies_from_the_index_column_equal_the_table_column()
    {
        var layout = new ChromosomeLayout(f.ChromosomeDir);
        var expected = TableFrequencies(layout);
        // Without links.db at all: every frequency comes from links.mmapindex/frequencies.npy.
        using var links = new LinkIndex(f.ChromosomeDir, null);
        Assert.True(links.HasFrequencyColumn);
        Assert.Equal(expected.Count, links.Count);
        Assert.Contains(expected, v => v > 0);
        for (long i = 0; i < links.Count; i++) Assert.Equal(expected[(int)i], links.Frequency(i));
    }

    [Fact]
    public void Without_the_frequencies_column_link_frequencies_read_a_block_at_a_time_equal_the_table_column()
    {
        string dir = CopyChromosome("nofreq", "DRB1");
        File.Delete(LinkIndexLayout.Frequencies.PathIn(LinkIndexLayout.Index.DirectoryIn(dir)));
        var layout = new ChromosomeLayout(dir);
        var expected = TableFrequencies(layout);
        using var sqlite = new ReadOnlySqlite(layout.LinksDb);
        using var links = new LinkIndex(dir, sqlite);
        Assert.False(links.HasFrequencyColumn);
        Assert.Equal(expected.Count, links.Count);
        Assert.Contains(expected, v => v > 0);
        // From the last link back, so a block is first touched at its end.
        for (long i = links.Count - 1; i >= 0; i--) Assert.Equal(expected[(int)i], links.Frequency(i));
    }

    [Fact]
    public void Preloaded_bubble_rows_equal_rows_read_one_at_a_time()
    {
        var layout = new ChromosomeLayout(f.ChromosomeDir);
        using var db = new ReadOnlySqlite(layout.BubblesDb);
        var budget = new QueryMemoryBudget(1L << 30);
        using var one = new BubbleStore(db, budget);
        using var ranged = new BubbleStore(db, budget);
        // Runs of consecutive ids, isolated ids, ids further apart than the gap, a repeat, and an id with no row.
        int max = f.Bubbles.Max(b => b.Id);
        uint[] ids = [.. Enumerable.Range(1, 40).Select(i => (uint)i), 60, 60, 61, 200, 203, (uint)max, (uint)max + 5, 100, 2];
        Assert.Equal(ids.Distinct().Count(i => i <= max), ranged.Preload(ids));
        Assert.Equal(0, ranged.Preload(ids)); // all cached now
        foreach (uint id in ids)
        {
            var a = one.Get((int)id);
            var b = ranged.Get((int)id);
            Assert.Equal(a is null, b is null);
            if (a is null || b is null) continue;
            Assert.Equal(Describe(a), Describe(b));
        }

        static string Describe(BubbleRecord r) => string.Join("|", r.Id, r.Chain, r.ChainStep, r.Subtype, r.Parent, string.Join(",", r.Children),
            r.PrevSibling, r.NextSibling, string.Join(",", r.Source), string.Join(",", r.Sink), string.Join(",", r.Inside),
            string.Join(",", r.RangeExclusive), string.Join(",", r.RangeInclusive), r.Length, r.GcCount, r.NCount, r.X1, r.X2, r.Y1, r.Y2);
    }

    [Fact]
    public void A_frequencies_column_of_another_length_is_refused()
    {
        string dir = CopyChromosome("shortfreq", "DRB1");
        string column = LinkIndexLayout.Frequencies.PathIn(LinkIndexLayout.Index.DirectoryIn(dir));
        Pangy.Core.Formats.Npy.NpyWriter.WriteFile<double>(column, [0.5]);
        var e = Assert.Throws<IndexUnusableException>(() => new LinkIndex(dir, null));
        Assert.Contains("frequencies.npy", e.Message);
    }

    [Fact]
    public async Task A_links_table_that_lost_a_row_is_a_clear_503()
    {
        string dir = CopyChromosome("gap", "DRB1");
        // Frequencies then come from links.db (a datastore without Pangy's frequencies column), whose rows are checked.
        File.Delete(LinkIndexLayout.Frequencies.PathIn(LinkIndexLayout.Index.DirectoryIn(dir)));
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={new ChromosomeLayout(dir).LinksDb};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "DELETE FROM links WHERE rowid = 3";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }
        using var factory = new QueryAppFactory(_root);
        using var client = factory.CreateClient();
        var body = await client.Json($"/select?db=gap&genome={E(TestData.Drb1Ref)}&chromosome=DRB1&start=32580000&end=32585000", 503);
        Assert.Contains("rebuild", body.GetProperty("error").GetString()!);
    }

    [Fact]
    public async Task A_legacy_compatible_version_is_accepted()
    {
        string dir = CopyChromosome("legacy", "DRB1");
        const string Legacy = "v0.2.0";
        Assert.NotEqual(PangyVersion.Current, Legacy);
        Assert.Contains(Legacy, IndexFiles.CompatibleVersions);
        int rewritten = 0;
        foreach (var meta in Directory.EnumerateFiles(dir, "meta.json", SearchOption.AllDirectories).Where(p => p.Contains(".mmapindex", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(meta);
            string legacy = text.Replace($"\"{PangyVersion.Current}\"", $"\"{Legacy}\"", StringComparison.Ordinal);
            Assert.NotEqual(text, legacy);
            File.WriteAllText(meta, legacy);
            rewritten++;
        }
        // Every index of a chromosome: segments, links, steps, bubbles, polychain.
        Assert.Equal(5, rewritten);
        using var factory = new QueryAppFactory(_root);
        using var client = factory.CreateClient();
        var data = await client.Json($"/select?db=legacy&genome={E(TestData.Drb1Ref)}&chromosome=DRB1&start=32580000&end=32585000");
        Assert.True(data.GetProperty("nodes").GetArrayLength() > 0);
    }

    [Fact]
    public void A_replaced_chromosome_is_reopened_and_the_old_reader_closes_after_its_last_request()
    {
        string dir = CopyChromosome("swap", "DRB1");
        using var store = new QueryDatastore(_root, new QueryDatastoreOptions { ListingLifetime = TimeSpan.Zero });
        var first = store.Open("swap", "DRB1");
        Assert.Equal(12, first.Reader.Paths.Samples.Count());
        // Publish a different chromosome under the same name (a rename, as LocalDatastore does).
        string staged = Path.Combine(_root, "staged");
        QueryFixture.CopyDirectory(f.ChromosomeDir, staged);
        File.WriteAllText(Path.Combine(staged, "paths", "sample_idx.json"), "{\"only\": 0}");
        Directory.Move(dir, dir + ".old");
        Directory.Move(staged, dir);
        Directory.SetLastWriteTimeUtc(dir, DateTime.UtcNow.AddMinutes(1));
        using (var second = store.Open("swap", "DRB1"))
        {
            Assert.NotSame(first.Reader, second.Reader);
            Assert.Single(second.Reader.Paths.SampleIndex);
        }
        // The request that held the old reader still reads it.
        Assert.Equal(12, first.Reader.Paths.SampleIndex.Count);
        Assert.True(first.Reader.Steps.Length > 0);
        first.Dispose();
    }

    [Fact]
    public void Path_blocks_hold_every_step_and_bound_their_segments()
    {
        string paths = Path.Combine(f.ChromosomeDir, "paths");
        foreach (var binpath in Directory.EnumerateFiles(paths, "*.binpath"))
        {
            var steps = BinPathReader.ReadFile(binpath);
            using var blocks = PathBlockReader.Open(Path.Combine(paths, ChromosomeLayout.PathBlocksDirectoryName, ChromosomeLayout.PathBlockName(Path.GetFileName(binpath))), binpath);
            Assert.Equal(steps.Length, blocks.TotalSteps);
            var all = new List<long>();
            var buffer = new long[PathBlockFile.DefaultBlockSteps];
            for (int k = 0; k < blocks.Blocks.Count; k++)
            {
                int n = blocks.Decode(k, buffer);
                var segs = buffer.Take(n).Select(c => (uint)(c >> 1)).ToList();
                Assert.Equal(segs.Min(), blocks.Blocks[k].MinSegment);
                Assert.Equal(segs.Max(), blocks.Blocks[k].MaxSegment);
                all.AddRange(buffer.Take(n));
            }
            Assert.Equal(steps, all);
        }
    }

    [Fact]
    public void Names_are_checked_against_the_listing_before_any_file_is_touched()
    {
        using var store = new QueryDatastore(f.Root);
        Assert.Throws<BadQueryException>(() => store.Open("../graphs", "DRB1"));
        Assert.Throws<BadQueryException>(() => store.Open(null, "../_default_/DRB1"));
        Assert.Throws<BadQueryException>(() => store.Open(null, ""));
        Assert.Throws<NotFoundQueryException>(() => store.Open("nosuch", "DRB1"));
        Assert.Throws<NotFoundQueryException>(() => store.Open(null, "chr1"));
        using var lease = store.Open(null, "DRB1");
        Assert.Equal("_default_", lease.Reader.Dataset);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
