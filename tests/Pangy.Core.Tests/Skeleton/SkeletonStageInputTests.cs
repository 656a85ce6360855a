using Pangy.Core.Formats;
using Pangy.Core.Skeleton;

namespace Pangy.Core.Tests.Skeleton;

/// <summary>Bad inputs and interrupted runs: a clear error, and the chromosome directory left as it was.</summary>
public sealed class SkeletonStageInputTests(Drb1SkeletonFixture f) : IClassFixture<Drb1SkeletonFixture>
{
    private string Copy(string name)
    {
        string dir = Path.Combine(f.Root, name);
        SkeletonFiles.CopyDirectory(f.Dir, dir);
        return dir;
    }

    [Fact]
    public void The_reference_defaults_to_the_step_index_genome()
    {
        string dir = Copy("noref");
        var r = SkeletonStage.Run(dir, "DRB1");
        Assert.Equal(f.Result with { Elapsed = default }, r with { Elapsed = default });
        Assert.True(File.Exists(Path.Combine(dir, "skeleton", "spine-gi|568815592.json.gz")));
    }

    [Fact]
    public void A_reference_other_than_the_step_index_genome_is_refused()
    {
        string dir = Copy("wrongref");
        var before = SkeletonFiles.Outputs(dir);
        var e = Assert.Throws<BadInputException>(() => SkeletonStage.Run(dir, "DRB1", "GRCh38"));
        Assert.Contains("gi|568815592", e.Message);
        Assert.Contains("GRCh38", e.Message);
        AssertUnchanged(before, dir);
    }

    [Fact]
    public void A_missing_bubbles_db_names_the_file_and_writes_nothing()
    {
        string dir = Copy("nobubbles");
        foreach (string d in new[] { "skeleton", "polychain.mmapindex" }) Directory.Delete(Path.Combine(dir, d), true);
        File.Delete(Path.Combine(dir, "polychain-data.json.gz"));
        File.Delete(Path.Combine(dir, "meta.json"));
        File.Delete(Path.Combine(dir, "bubbles.db"));
        var e = Assert.Throws<BadInputException>(() => SkeletonStage.Run(dir, "DRB1"));
        Assert.Contains("bubbles.db", e.Message);
        Assert.False(Directory.Exists(Path.Combine(dir, "skeleton")));
        Assert.False(Directory.Exists(Path.Combine(dir, "polychain.mmapindex")));
        Assert.False(File.Exists(Path.Combine(dir, "meta.json")));
        Assert.False(Directory.Exists(Path.Combine(dir, ".skeleton.partial")));
    }

    [Fact]
    public void A_damaged_index_is_reported_and_earlier_outputs_survive()
    {
        string dir = Copy("damaged");
        var before = SkeletonFiles.Outputs(dir);
        string npy = Path.Combine(dir, "segments.mmapindex", "x1.npy");
        File.WriteAllBytes(npy, File.ReadAllBytes(npy)[..200]);
        var e = Assert.Throws<BadInputException>(() => SkeletonStage.Run(dir, "DRB1"));
        Assert.Contains("x1.npy", e.Message);
        AssertUnchanged(before, dir);
    }

    [Fact]
    public void A_cancelled_run_leaves_no_partial_output()
    {
        string dir = Copy("cancelled");
        var before = SkeletonFiles.Outputs(dir);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SkeletonStage.Run(dir, "DRB1", null, cts.Token));
        AssertUnchanged(before, dir);
    }

    [Fact]
    public void A_missing_chromosome_directory_is_bad_input() =>
        Assert.Throws<BadInputException>(() => SkeletonStage.Run(Path.Combine(f.Root, "nowhere"), "DRB1"));

    [Fact]
    public void A_bubble_naming_a_segment_beyond_the_graph_is_reported_and_earlier_outputs_survive()
    {
        string dir = Copy("badsegment");
        var before = SkeletonFiles.Outputs(dir);
        int bubble = Execute(dir, "UPDATE bubbles SET inside = '[5, 999999]' WHERE id = (SELECT MAX(id) FROM bubbles) RETURNING id");
        var e = Assert.Throws<BadInputException>(() => SkeletonStage.Run(dir, "DRB1"));
        Assert.Contains($"bubble {bubble}: inside names segment 999999, beyond the graph", e.Message);
        AssertUnchanged(before, dir);
    }

    [Fact]
    public void A_child_that_is_not_a_bubble_is_reported()
    {
        string dir = Copy("badchild");
        var before = SkeletonFiles.Outputs(dir);
        int bubble = Execute(dir, "UPDATE bubbles SET children = '[777777]' WHERE id = (SELECT MIN(id) FROM bubbles) RETURNING id");
        var e = Assert.Throws<BadInputException>(() => SkeletonStage.Run(dir, "DRB1"));
        Assert.Contains($"bubble {bubble} lists child 777777, which is not a bubble", e.Message);
        AssertUnchanged(before, dir);
    }

    /// <summary>Runs one statement on the copy's bubbles.db; returns the first column of its first row.</summary>
    private static int Execute(string dir, string sql)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir, "bubbles.db")};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AssertUnchanged(SortedDictionary<string, byte[]> before, string dir)
    {
        var after = SkeletonFiles.Outputs(dir);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (name, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"{name} changed");
        Assert.False(Directory.Exists(Path.Combine(dir, ".skeleton.partial")));
    }
}
