using System.Diagnostics;

namespace Pangy.Cli.Tests;

/// <summary>
/// A build killed with SIGKILL at any instant publishes nothing half-made, and the next build publishes exactly what an
/// uninterrupted one does. Kill points are spread over the whole of <c>pangy add</c> on a small synthetic chromosome;
/// the stage each kill hit is read from the killed build's workspace, so the test shows it covered every stage.
/// </summary>
public class CrashConsistencyTests
{
    [Fact]
    public async Task Killing_pangy_add_anywhere_publishes_nothing_partial_and_the_rerun_is_identical()
    {
        using var tmp = new TempDir();
        var synth = await PangyProcess.RunAsync("synth", "--out", tmp["g"], "--ref-bp", "2000000", "--haplotypes", "16", "--chrom", "c1");
        Assert.Equal(0, synth.ExitCode);
        string[] add = ["add", "--db", "crash", "--ref", "GRCh38", "--chr", "c1", "--gfa", tmp["g.gfa"], "--layout", tmp["g.lay.tsv"]];

        // The uninterrupted build: its artifacts, and when it entered each stage (watched from its workspace).
        var (cleanRun, stageTimes) = await WatchAsync([.. add, "--dir", tmp["clean"]], tmp["clean"]);
        Assert.True(cleanRun == 0, "the uninterrupted build failed");
        var expected = ArtifactDigest.Of(Path.Combine(tmp["clean"], "graphs", "crash", "c1"));

        // Kill points: spread evenly over each stage's span in the clean run, counted from the moment the killed
        // build is seen entering that stage (so machine load shifts the points, not which stage they land in).
        var points = new List<(string Stage, TimeSpan Into)>();
        for (int s = 0; s < Stages.Length; s++)
        {
            var span = (s + 1 < Stages.Length ? stageTimes[Stages[s + 1]] : stageTimes["published"]) - stageTimes[Stages[s]];
            for (int j = 0; j < PointsPerStage; j++)
                points.Add((Stages[s], span * (j + 0.5) / PointsPerStage));
        }

        var hits = new Dictionary<string, int>();
        int runs = 0;
        foreach (var (target, offset) in points)
        {
            // A build that runs faster than the clean one (warm caches, a quieter machine) can finish a stage before the
            // kill: then the point is tried again nearer the stage's start, so every stage still gets its kills. Every
            // attempt, wherever it landed, is checked the same way.
            var into = offset;
            for (int attempt = 0; attempt < MaxAttempts; attempt++, into /= 2)
            {
                string stage = await KillAndCheckAsync(tmp[$"store{runs++}"], target, into);
                hits[stage] = hits.GetValueOrDefault(stage) + 1;
                if (stage == target) break;
            }
        }

        string seen = string.Join(", ", hits.OrderBy(h => h.Key).Select(h => $"{h.Key} {h.Value}"));
        foreach (var stage in Stages)
            Assert.True(hits.GetValueOrDefault(stage) >= PointsPerStage / 2, $"kills per stage: {seen}");

        // Kills the build in a fresh datastore (each kill's evidence kept apart), checks what is visible, reruns it and
        // checks the rerun; returns the stage the kill hit.
        async Task<string> KillAndCheckAsync(string store, string target, TimeSpan into)
        {
            string stage = await KillAsync([.. add, "--dir", store], store, target, into);
            string published = Path.Combine(store, "graphs", "crash", "c1");
            if (Directory.Exists(published))
                Assert.Equal(expected, ArtifactDigest.Of(published)); // visible means complete and right

            var rerun = await PangyProcess.RunAsync([.. add, "--dir", store, "--force"]);
            Assert.True(rerun.ExitCode == 0, $"rerun after a kill {into.TotalSeconds:0.00} s into {stage}: {rerun.Stderr}");
            Assert.Equal(expected, ArtifactDigest.Of(published));
            // The rerun cleared what the killed build left behind.
            var staging = Path.Combine(store, ".pangy", "staging");
            Assert.True(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0,
                $"staging left after a kill in {stage}: {string.Join(", ", Directory.GetFileSystemEntries(staging))}");
            return stage;
        }
    }

    private static readonly string[] Stages = ["build", "bubbles", "skeleton"];
    private const int PointsPerStage = 7;
    private const int MaxAttempts = 3;

    /// <summary>Runs the command to its end, noting when its workspace first showed each stage.</summary>
    private static async Task<(int ExitCode, Dictionary<string, TimeSpan> Entered)> WatchAsync(string[] args, string store)
    {
        var entered = new Dictionary<string, TimeSpan>();
        var clock = Stopwatch.StartNew();
        using var p = PangyProcess.Start(args);
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        while (!p.HasExited)
        {
            entered.TryAdd(StageOf(store), clock.Elapsed);
            await Task.Delay(2);
        }
        entered.TryAdd(StageOf(store), clock.Elapsed);
        foreach (var s in Stages) Assert.True(entered.ContainsKey(s), $"the clean build was never seen in {s}");
        return (p.ExitCode, entered);
    }

    /// <summary>
    /// Starts the command, waits until its workspace shows <paramref name="stage"/>, kills it (SIGKILL: no handler, no
    /// cleanup) <paramref name="into"/> later, and says which stage it was in at that instant.
    /// </summary>
    private static async Task<string> KillAsync(string[] args, string store, string stage, TimeSpan into)
    {
        using var p = PangyProcess.Start(args);
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        while (!p.HasExited && Order(StageOf(store)) < Order(stage))
            await Task.Delay(1);
        var exited = p.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(into)) == exited) return "finished";
        string at = StageOf(store); // read before the kill: the workspace as the process had it
        p.Kill(entireProcessTree: true);
        await exited;
        return at;
    }

    private static int Order(string stage) => Array.IndexOf(["start", "build", "bubbles", "skeleton", "published"], stage);

    /// <summary>The stage a build was in, from the files of its private workspace.</summary>
    private static string StageOf(string store)
    {
        var staging = Path.Combine(store, ".pangy", "staging");
        var workspace = Directory.Exists(staging) ? Directory.GetDirectories(staging).FirstOrDefault() : null;
        if (workspace is null)
            return Directory.Exists(Path.Combine(store, "graphs", "crash", "c1")) ? "published" : "start";
        if (Directory.Exists(Path.Combine(workspace, "skeleton")) || Directory.Exists(Path.Combine(workspace, ".skeleton.partial"))) return "skeleton";
        if (File.Exists(Path.Combine(workspace, "bubbles.db"))) return "bubbles";
        return "build";
    }
}
