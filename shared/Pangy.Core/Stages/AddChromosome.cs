using System.Diagnostics;
using Pangy.Core.Bubbles;
using Pangy.Core.Build;
using Pangy.Core.Skeleton;
using Pangy.Core.Storage;

namespace Pangy.Core.Stages;

/// <summary>What to add: one chromosome of one dataset from a GFA and its layout (<c>pangy add</c>, the Ingest function).</summary>
/// <param name="BubbleGunJson">Bubbles a lab already computed with BubbleGun, used instead of the native finder.</param>
public sealed record AddChromosomeRequest(
    ChromosomeKey Key,
    InputFile Gfa,
    InputFile Layout,
    ChromosomeBuildOptions Options,
    bool Replace = false,
    InputFile? BubbleGunJson = null);

/// <summary>How long a stage took and the most memory the process held while it ran.</summary>
public readonly record struct StageCost(TimeSpan Elapsed, long PeakMemoryBytes);

/// <summary>What adding a chromosome did, per stage.</summary>
public sealed record AddChromosomeResult(
    ChromosomeKey Key,
    ChromosomeBuildResult Build,
    StageCost BuildCost,
    BubbleStageResult Bubbles,
    StageCost BubblesCost,
    SkeletonStageResult Skeleton,
    StageCost SkeletonCost,
    TimeSpan Elapsed,
    long PeakMemoryBytes);

/// <summary>
/// The ingest pipeline for one chromosome: build, find bubbles (while the path blocks of region queries are cut on the
/// other core), draw the skeleton, all in a private workspace, then publish atomically.
/// The same code runs from the CLI, from the queue-triggered Ingest function and from the local folder watcher; only
/// the <see cref="IDatastore"/> and the <see cref="InputFile"/>s differ.
/// </summary>
public static class AddChromosome
{
    public static async Task<AddChromosomeResult> RunAsync(IDatastore datastore, AddChromosomeRequest request,
        IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(datastore);
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        // Fail before any work when the answer is already known.
        if (!request.Replace && datastore.Exists(request.Key)) throw new ChromosomeExistsException(request.Key);
        using var workspace = datastore.CreateWorkspace(request.Key);
        string dir = workspace.Directory;

        var (build, buildCost) = await MeasureAsync(() => ChromosomeBuilder.Build(request.Gfa, request.Layout, request.Options, dir,
            progress, cancellationToken), cancellationToken).ConfigureAwait(false);

        progress?.Report(new BuildProgress(request.BubbleGunJson is null ? "finding bubbles" : "importing BubbleGun bubbles", 0, 0));
        // The path blocks need only paths/ and the step index, so they are cut while the bubbles are found.
        using var stopBlocks = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var blocks = Task.Run(() => PathBlockIndex.Build(dir, stopBlocks.Token), stopBlocks.Token);
        BubbleStageResult bubbles;
        StageCost bubblesCost;
        try
        {
            (bubbles, bubblesCost) = await MeasureAsync(() => RunBubbles(request.BubbleGunJson, dir, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            // The workspace is deleted when this method leaves; the block writer must be gone from it first.
            stopBlocks.Cancel();
            try { await blocks.ConfigureAwait(false); } catch (OperationCanceledException) { } catch (IOException) { }
            throw;
        }
        await blocks.ConfigureAwait(false);

        progress?.Report(new BuildProgress("drawing the skeleton", 0, 0));
        var (skeleton, skeletonCost) = await MeasureAsync(() => SkeletonStage.Run(dir, request.Key.Chromosome, request.Options.Reference,
            cancellationToken), cancellationToken).ConfigureAwait(false);

        progress?.Report(new BuildProgress("publishing", 0, 0));
        await datastore.PublishAsync(workspace, request.Replace, cancellationToken).ConfigureAwait(false);
        return new AddChromosomeResult(request.Key, build, buildCost, bubbles, bubblesCost, skeleton, skeletonCost, clock.Elapsed,
            Math.Max(buildCost.PeakMemoryBytes, Math.Max(bubblesCost.PeakMemoryBytes, skeletonCost.PeakMemoryBytes)));
    }

    private static BubbleStageResult RunBubbles(InputFile? bubbleGunJson, string dir, CancellationToken ct)
    {
        if (bubbleGunJson is null) return BubbleStage.Run(dir, null, ct);
        // The import reads a local file; an uploaded blob is copied next to the chromosome first, under its own name
        // so that errors still name it.
        string local = Path.Combine(dir, ".inputs", Path.GetFileName(bubbleGunJson.Name));
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        try
        {
            using (var src = bubbleGunJson.Open(ct))
            using (var dst = File.Create(local))
                src.CopyTo(dst);
            return BubbleStage.Run(dir, local, ct, bubbleGunJson.Name);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(local)!, recursive: true);
        }
    }

    private static async Task<(T Result, StageCost Cost)> MeasureAsync<T>(Func<T> stage, CancellationToken ct)
    {
        // Each stage starts from what the previous one needed to keep, not from its garbage: in the serverless
        // pipeline each stage runs in its own process, and its peak is what an instance must hold.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var result = await Task.Run(stage, ct).ConfigureAwait(false);
        return (result, new StageCost(clock.Elapsed, PeakMemory.Bytes()));
    }
}

/// <summary>The process's peak resident memory (VmHWM on Linux), resettable between stages where the kernel allows.</summary>
public static class PeakMemory
{
    public static long Bytes()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64;
    }

    /// <summary>
    /// Starts a new peak measurement: on Linux, writing 5 to /proc/self/clear_refs resets VmHWM to the current RSS.
    /// Elsewhere the peak stays the process's, which over-reports later stages but never under-reports.
    /// </summary>
    public static void Reset()
    {
        if (!OperatingSystem.IsLinux()) return;
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
