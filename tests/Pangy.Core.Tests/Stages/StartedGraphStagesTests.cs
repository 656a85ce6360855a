using Pangy.Core.Build;
using Pangy.Core.Stages;

namespace Pangy.Core.Tests.Stages;

/// <summary>The graph stages returning before links.db and the path blocks are written on the other core.</summary>
public class StartedGraphStagesTests
{
    private static Task<StartedGraphStages> StartDrb1(string dir, CancellationToken ct = default) =>
        ChromosomeStages.StartGraphAsync(dir, InputFile.FromPath(TestData.Drb1Gfa), InputFile.FromPath(TestData.Drb1Layout),
            new ChromosomeBuildOptions { Reference = TestData.Drb1Ref }, null, null, ct);

    [Fact]
    public async Task Completing_writes_the_same_files_as_the_stages_run_to_the_end()
    {
        using var tmp = new TempDir();
        string whole = tmp["whole"], started = tmp["started"];
        var expected = await ChromosomeStages.BuildGraphAsync(whole, InputFile.FromPath(TestData.Drb1Gfa), InputFile.FromPath(TestData.Drb1Layout),
            new ChromosomeBuildOptions { Reference = TestData.Drb1Ref }, null, null, CancellationToken.None);
        await using (var s = await StartDrb1(started))
        {
            Assert.Equal(expected.Bubbles.Bubbles, s.Result.Bubbles.Bubbles);
            await s.CompleteAsync();
        }
        Assert.Equal(Files(whole), Files(started));
        foreach (var f in Files(whole)) Assert.Equal(File.ReadAllBytes(Path.Combine(whole, f)), File.ReadAllBytes(Path.Combine(started, f)));
        Assert.False(File.Exists(Path.Combine(started, ".links.rows")));
        Assert.Contains(expected.Build.Timings, t => t.Step.StartsWith("write links.db (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disposing_unfinished_stops_the_background_writers_and_leaves_no_scratch_file()
    {
        using var tmp = new TempDir();
        string dir = tmp["started"];
        await using (await StartDrb1(dir)) { }
        Assert.False(File.Exists(Path.Combine(dir, ".links.rows")));
        // Nothing writes into the directory any more: it can be deleted, as a failed stage's caller does.
        Directory.Delete(dir, recursive: true);
    }

    private static List<string> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToList();
}
