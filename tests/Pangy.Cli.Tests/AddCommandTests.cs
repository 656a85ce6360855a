namespace Pangy.Cli.Tests;

public class AddCommandTests
{
    private static string[] AddDrb1(string dir, params string[] extra) =>
        ["add", "--db", "example", "--ref", "gi|568815592", "--chr", "DRB1", "--gfa", TestData.Path("drb1", "DRB1-3123.gfa"),
         "--layout", TestData.Path("drb1", "DRB1-3123.lay.tsv"), "--dir", dir, .. extra];

    [Fact]
    public async Task Add_prints_a_one_line_summary_and_refuses_to_overwrite_without_force()
    {
        using var tmp = new TempDir();
        var first = await PangyProcess.RunAsync(AddDrb1(tmp.Root));
        Assert.Equal(0, first.ExitCode);
        var line = Assert.Single(first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^example/DRB1: 3214 segments, 4380 links, 12 paths, 12 samples, 1488 reference steps, 874 bubbles \(599 simple, 234 super, 41 insertion\) in 117 chains; " +
                       @"11 skeleton levels; build \d+\.\d s / \d+ MB, bubbles \d+\.\d s / \d+ MB, skeleton \d+\.\d s / \d+ MB; total \d+\.\d s, peak memory \d+ MB$", line);
        Assert.True(File.Exists(Path.Combine(tmp.Root, "graphs", "example", "DRB1", "links.db")));
        // Without --assembly nothing is added to what a build writes.
        Assert.False(File.Exists(Path.Combine(tmp.Root, "graphs", "example", "DRB1", "assembly.json")));

        var again = await PangyProcess.RunAsync(AddDrb1(tmp.Root));
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("pangy: error: chromosome 'DRB1' of dataset 'example' already exists; use --force to replace it", again.Messages.Trim());

        // With --assembly the chromosome records which assembly its reference is (beside the graph artifacts).
        var forced = await PangyProcess.RunAsync(AddDrb1(tmp.Root, "--force", "--assembly", "hg38.p12"));
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("{\"assembly\":\"hg38.p12\"}", File.ReadAllText(Path.Combine(tmp.Root, "graphs", "example", "DRB1", "assembly.json")));
    }

    [Fact]
    public async Task Bad_input_is_one_line_on_stderr_with_file_line_and_reason()
    {
        using var tmp = new TempDir();
        var bad = tmp["bad.gfa"];
        File.WriteAllText(bad, File.ReadAllText(TestData.Path("mini", "mini_p.gfa")).Replace("L\t3\t+\t4\t+\t0M", "L\t3\t+\t44\t+\t0M"));
        var run = await PangyProcess.RunAsync("add", "--db", "x", "--ref", "GRCh38", "--chr", "c", "--gfa", bad,
            "--layout", TestData.Path("mini", "mini.odgi.tsv"), "--dir", tmp["store"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"pangy: error: {bad}:11: L line names segment 44, which no S line defines", run.Messages.Trim());
        Assert.Empty(run.Stdout);
        Assert.False(Directory.Exists(Path.Combine(tmp["store"], "graphs", "x", "c")));
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        var missing = await PangyProcess.RunAsync("add", "--db", "x");
        Assert.NotEqual(0, missing.ExitCode);
        using var tmp = new TempDir();
        var badName = await PangyProcess.RunAsync(AddDrb1(tmp.Root).Select(a => a == "DRB1" ? "../DRB1" : a).ToArray());
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("chromosome name '../DRB1' is not allowed", badName.Stderr);
        var badAssembly = await PangyProcess.RunAsync(AddDrb1(tmp.Root, "--assembly", "../hg38"));
        Assert.NotEqual(0, badAssembly.ExitCode);
        Assert.Equal("pangy: error: --assembly '../hg38' is not an assembly name (the base name of its .2bit, e.g. hg38.p12)", badAssembly.Messages.Trim());
        Assert.False(Directory.Exists(Path.Combine(tmp.Root, "graphs", "example", "DRB1")));
    }
}
