using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pangy.Cli.Tests;

/// <summary>
/// <c>pangy skeleton</c> replaces four outputs of a published chromosome (skeleton/, polychain.mmapindex/,
/// polychain-data.json.gz, meta.json). A reader, and a kill at any instant, must see the old set or the new set, never
/// a mix. The old set is made distinguishable by appending a byte to each of its files; the new set is what
/// <c>pangy add</c> published.
/// </summary>
public class SkeletonPublishTests
{
    private static readonly string[] Outputs = ["skeleton", "polychain.mmapindex", "polychain-data.json.gz", "meta.json"];
    private const int KillPoints = 8;

    [Fact]
    public async Task Killing_pangy_skeleton_anywhere_leaves_the_old_or_the_new_skeleton_never_a_mix()
    {
        using var tmp = new TempDir();
        var synth = await PangyProcess.RunAsync("synth", "--out", tmp["g"], "--ref-bp", "2000000", "--haplotypes", "16", "--chrom", "c1");
        Assert.Equal(0, synth.ExitCode);
        string store = tmp["store"], published = Path.Combine(store, "graphs", "sk", "c1");
        var add = await PangyProcess.RunAsync("add", "--db", "sk", "--ref", "GRCh38", "--chr", "c1", "--gfa", tmp["g.gfa"], "--layout", tmp["g.lay.tsv"], "--dir", store);
        Assert.True(add.ExitCode == 0, add.Stderr);
        string fresh = SkeletonDigest(published);
        string[] skeleton = ["skeleton", "--db", "sk", "--chr", "c1", "--dir", store];

        // One uninterrupted run from the old skeleton: how long its workspace lives, for spreading the kill points.
        string old = MakeOld(published);
        Assert.NotEqual(fresh, old);
        var (clean, span) = await RunWatchedAsync(skeleton, store, published, fresh, old, kill: null);
        Assert.Equal("finished", clean);
        Assert.Equal(fresh, SkeletonDigest(published));

        var outcomes = new List<string>();
        for (int i = 0; i < KillPoints; i++)
        {
            if (SkeletonDigest(published) == fresh) MakeOld(published);
            // Spread over the run, with the last points crowded towards the end, where publishing happens.
            double at = i < KillPoints - 2 ? (i + 0.5) / (KillPoints - 2) : 0.97 + 0.02 * (i - KillPoints + 2);
            var (outcome, _) = await RunWatchedAsync(skeleton, store, published, fresh, old, span * at);
            string now = SkeletonDigest(published);
            Assert.True(now == old || now == fresh, $"a kill {at:P0} into pangy skeleton left a mix of old and new outputs");
            outcomes.Add($"{outcome}:{(now == old ? "old" : "new")}");
        }
        Assert.Contains(outcomes, o => o.EndsWith(":old", StringComparison.Ordinal)); // the kills did land mid-run

        // The next run after all those kills publishes the new skeleton and leaves no staging behind.
        if (SkeletonDigest(published) == fresh) MakeOld(published);
        var rerun = await PangyProcess.RunAsync(skeleton);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Equal(fresh, SkeletonDigest(published));
        var staging = Path.Combine(store, ".pangy", "staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0,
            $"staging left: {string.Join(", ", Directory.GetFileSystemEntries(staging))}");
    }

    /// <summary>
    /// Runs <c>pangy skeleton</c> while a reader reads the published outputs over and over, each read checked to be
    /// the old set or the new one; kills it (SIGKILL) <paramref name="kill"/> after its workspace appears. Returns
    /// "killed" or "finished", and how long the workspace lived.
    /// </summary>
    private static async Task<(string Outcome, TimeSpan Span)> RunWatchedAsync(string[] args, string store, string published,
        string fresh, string old, TimeSpan? kill)
    {
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() => ReadWhileRunning(published, fresh, old, stop.Token));
        var staging = Path.Combine(store, ".pangy", "staging");
        using var p = PangyProcess.Start(args);
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        while (!p.HasExited && !(Directory.Exists(staging) && Directory.GetDirectories(staging).Length > 0))
            await Task.Delay(1);
        var clock = Stopwatch.StartNew();
        var exited = p.WaitForExitAsync();
        string outcome = "finished";
        if (kill is { } k && await Task.WhenAny(exited, Task.Delay(k)) != exited)
        {
            p.Kill(entireProcessTree: true);
            outcome = "killed";
        }
        await exited;
        var span = clock.Elapsed;
        stop.Cancel();
        int reads = await reader;
        Assert.True(reads > 0, "the reader never read the published outputs");
        return (outcome, span);
    }

    /// <summary>
    /// Reads the outputs until cancelled. A read that spans the atomic exchange may see both directories, so a read
    /// counts only when the chromosome directory is the same inode before and after it; such a read must be old or new.
    /// </summary>
    private static int ReadWhileRunning(string published, string fresh, string old, CancellationToken stop)
    {
        int reads = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                ulong before = Inode(published);
                string seen = SkeletonDigest(published);
                if (Inode(published) != before) continue;
                Assert.True(seen == old || seen == fresh, "a reader saw a mix of the old and the new skeleton");
                reads++;
            }
            catch (IOException) { } // a file vanished under the read: the exchange happened; read again
        }
        return reads;
    }

    /// <summary>The skeleton outputs only: the rest of the chromosome is not the stage's.</summary>
    private static string SkeletonDigest(string chromosomeDir)
    {
        var parts = new List<string>();
        foreach (var name in Outputs)
        {
            string path = Path.Combine(chromosomeDir, name);
            if (Directory.Exists(path)) parts.Add($"{name}/\n{ArtifactDigest.Of(path)}");
            else if (File.Exists(path)) parts.Add($"{name} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))}");
            else parts.Add($"{name} missing");
        }
        return string.Join('\n', parts);
    }

    /// <summary>Turns the published outputs into a recognisable "old" set (one byte appended to each file) and returns its digest.</summary>
    private static string MakeOld(string chromosomeDir)
    {
        if (SkeletonDigest(chromosomeDir).Contains("missing", StringComparison.Ordinal)) throw new InvalidOperationException("outputs missing");
        foreach (var name in Outputs)
        {
            string path = Path.Combine(chromosomeDir, name);
            var files = Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories) : [path];
            foreach (var f in files)
            {
                // A new inode (not an append in place): the file may be hard-linked from a killed run's workspace.
                var bytes = File.ReadAllBytes(f);
                File.Delete(f);
                File.WriteAllBytes(f, [.. bytes, (byte)'!']);
            }
        }
        return SkeletonDigest(chromosomeDir);
    }

    private static ulong Inode(string path)
    {
        // struct stat begins with st_dev then st_ino (8 bytes each) on Linux x64 and arm64.
        var buf = new byte[256];
        if (Stat(path, buf) != 0) throw new IOException($"stat {path} failed ({Marshal.GetLastPInvokeError()})");
        return BitConverter.ToUInt64(buf, 8);
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat(string path, byte[] buf);
}
