using Microsoft.Data.Sqlite;
using Pangy.Core.Build;
using Pangy.Core.Formats.BinPath;

namespace Pangy.Core.Tests.Build;

/// <summary>A build that leaves links.db to its caller: the rows wait in a scratch file and load into the same bytes.</summary>
public class StartedChromosomeBuildTests(Drb1BuildFixture drb1) : IClassFixture<Drb1BuildFixture>
{
    private const string Scratch = ".links.rows";

    private static Task<StartedChromosomeBuild> StartDrb1(string dir) =>
        ChromosomeBuilder.StartAsync(InputFile.FromPath(TestData.Drb1Gfa), InputFile.FromPath(TestData.Drb1Layout),
            new ChromosomeBuildOptions { Reference = TestData.Drb1Ref }, dir);

    [Fact]
    public async Task Links_db_is_written_when_asked_and_equals_a_whole_builds_byte_for_byte()
    {
        using var tmp = new TempDir();
        string dir = tmp["DRB1"];
        using var started = await StartDrb1(dir);
        Assert.False(File.Exists(Path.Combine(dir, "links.db")));
        Assert.True(File.Exists(Path.Combine(dir, Scratch)));
        Assert.True(File.Exists(Path.Combine(dir, "step_index.db")));
        Assert.Equal(4380, started.Result.Links);

        started.WriteLinksDatabase();
        Assert.False(File.Exists(Path.Combine(dir, Scratch)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(drb1.Dir, "links.db")), File.ReadAllBytes(Path.Combine(dir, "links.db")));
        Assert.StartsWith("write links.db (", started.Result.Timings[^1].Step);
    }

    [Fact]
    public async Task Disposing_a_build_whose_links_db_is_unwritten_deletes_the_scratch_file()
    {
        using var tmp = new TempDir();
        string dir = tmp["DRB1"];
        using (await StartDrb1(dir)) Assert.True(File.Exists(Path.Combine(dir, Scratch)));
        Assert.False(File.Exists(Path.Combine(dir, Scratch)));
        Assert.False(File.Exists(Path.Combine(dir, "links.db")));
    }

    [Fact]
    public void Spilled_rows_keep_masks_of_more_than_64_samples_and_their_frequencies()
    {
        using var tmp = new TempDir();
        var links = new LinkTable();
        links.Add(1, false, 2, false, 2);
        links.Add(2, false, 3, true, 3);
        links.Seal(_ => true, 3, "g.gfa");
        long[] walk = [PathStep.Combine(1, false), PathStep.Combine(2, false), PathStep.Combine(3, true)];
        long[] back = [PathStep.Combine(3, false), PathStep.Combine(2, true)]; // link 2 walked backwards
        foreach (int sample in new[] { 0, 70 })
        {
            links.EnsureSample(sample);
            Assert.Equal(-1, links.Mark(walk, -1, sample));
        }
        links.EnsureSample(65);
        Assert.Equal(-1, links.Mark(back, -1, 65));

        string db = tmp["links.db"];
        using (var spilled = links.Spill(tmp["rows"], samples: 71))
        {
            Assert.Equal(2, links.Count);
            spilled.WriteDatabase(db);
        }
        Assert.False(File.Exists(tmp["rows"]));

        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, from_id, from_strand, to_id, to_strand, haplotype, reverse, frequency FROM links ORDER BY rowid";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(("1+2+", 1L, "+", 2L, "+"), (r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetString(4)));
        Assert.Equal(("400000000000000001", "0", 2.0 / 71), (r.GetString(5), r.GetString(6), r.GetDouble(7)));
        Assert.True(r.Read());
        Assert.Equal(("2+3-", 2L, "+", 3L, "-"), (r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetString(4)));
        // Samples 0 and 70 walk it forwards, 65 backwards: bit 65 is in both masks.
        Assert.Equal(("420000000000000001", "20000000000000000", 3.0 / 71), (r.GetString(5), r.GetString(6), r.GetDouble(7)));
        Assert.False(r.Read());
    }
}
