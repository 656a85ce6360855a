using System.Diagnostics;
using Pangy.Core.Bubbles;
using Pangy.Core.Build;
using Pangy.Core.Skeleton;
using Pangy.Core.Storage;

namespace Pangy.Core.Stages;

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

        var (build, buildCost) = await MeasureAsync(() => ChromosomeBuilder.BuildAsync(request.Gfa, request.Layout, request.Options, dir,
            progress, cancellationToken), cancellationToken).ConfigureAwait(false);

        progress?.Report(new BuildProgress(request.BubbleGunJson is null ? "finding bubbles" : "importing BubbleGun bubbles", 0, 0));
        // The path blocks need only paths/ and the step index, so they are cut while the bubbles are found.
        using var stopBlocks = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var blocks = Task.Run(() => PathBlockIndex.Build(dir, stopBlocks.Token), stopBlocks.Token);
        BubbleStageResult bubbles;
        StageCost bubblesCost;
        try
        {
            (bubbles, bubblesCost) = await MeasureAsync(() => RunBubblesAsync(request.BubbleGunJson, dir, cancellationToken), cancellationToken)
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
        var (skeleton, skeletonCost) = await MeasureAsync(() => Task.FromResult(SkeletonStage.Run(dir, request.Key.Chromosome,
            request.Options.Reference, cancellationToken)), cancellationToken).ConfigureAwait(false);

        progress?.Report(new BuildProgress("publishing", 0, 0));
        await datastore.PublishAsync(workspace, request.Replace, cancellationToken).ConfigureAwait(false);
        return new AddChromosomeResult(request.Key, build, buildCost, bubbles, bubblesCost, skeleton, skeletonCost, clock.Elapsed,
            Math.Max(buildCost.PeakMemoryBytes, Math.Max(bubblesCost.PeakMemoryBytes, skeletonCost.PeakMemoryBytes)));
    }

    private static async Task<BubbleStageResult> RunBubblesAsync(InputFile? bubbleGunJson, string dir, CancellationToken ct)
    {
        if (bubbleGunJson is null) return BubbleStage.Run(dir, null, ct);
        // The import reads a local file; an uploaded blob is copied next to the chromosome first, under its own name
        // so that errors still name it.
        string local = Path.Combine(dir, ".inputs", Path.GetFileName(bubbleGunJson.Name));
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        try
        {
            var src = await bubbleGunJson.OpenAsync(ct).ConfigureAwait(false);
            await using (src.ConfigureAwait(false))
            {
                var dst = File.Create(local);
                await using (dst.ConfigureAwait(false)) await src.CopyToAsync(dst, ct).ConfigureAwait(false);
            }
            return BubbleStage.Run(dir, local, ct, bubbleGunJson.Name);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(local)!, recursive: true);
        }
    }

    private static async Task<(T Result, StageCost Cost)> MeasureAsync<T>(Func<Task<T>> stage, CancellationToken ct)
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
