using System.Diagnostics;
using Pangy.Core.Bubbles;
using Pangy.Core.Build;
using Pangy.Core.Datastore;
using Pangy.Core.Skeleton;

namespace Pangy.Core.Stages;

/// <summary>
/// The stage functions of a chromosome, each over a directory it owns: the graph stages (build, then bubbles while
/// the path blocks of region queries are cut on the other core) and the skeleton stage. <c>pangy add</c>
/// (<see cref="AddChromosome"/>) runs them back to back; the pipeline's BuildChromosome and BuildSkeleton run them
/// on separate instances. Each stage reports its time and peak memory.
/// </summary>
public static class ChromosomeStages
{
    /// <summary>Builds the chromosome from its inputs into <paramref name="dir"/>, then finds bubbles and cuts path blocks.</summary>
    public static async Task<GraphStagesResult> BuildGraphAsync(string dir, InputFile gfa, InputFile layout, ChromosomeBuildOptions options,
        InputFile? bubbleGunJson, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var started = await StartGraphAsync(dir, gfa, layout, options, bubbleGunJson, progress, cancellationToken).ConfigureAwait(false);
        await using (started.ConfigureAwait(false)) await started.CompleteAsync().ConfigureAwait(false);
        return started.Result;
    }

    /// <summary>
    /// The graph stages of <see cref="BuildGraphAsync"/>, returning as soon as the bubbles are found: the path blocks are
    /// cut on the other core meanwhile, then <c>links.db</c> is loaded there (neither the bubble stage nor the skeleton
    /// stage reads them), so both may still be under way when this returns. Await
    /// <see cref="StartedGraphStages.CompleteAsync"/> before publishing the directory; disposing the result unfinished
    /// stops that work and waits for it.
    /// </summary>
    public static async Task<StartedGraphStages> StartGraphAsync(string dir, InputFile gfa, InputFile layout, ChromosomeBuildOptions options,
        InputFile? bubbleGunJson, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        StartedChromosomeBuild? build = null;
        Task? background = null;
        try
        {
            StageCost buildCost;
            (build, buildCost) = await MeasureAsync(() => ChromosomeBuilder.StartAsync(gfa, layout, options, dir, progress, stop.Token),
                cancellationToken).ConfigureAwait(false);
            // After the build, which may restart from an empty directory; the skeleton stage keeps the file (it mirrors the
            // published chromosome), so pangy add and the pipeline publish the same.
            if (options.Assembly is { } assembly) ChromosomeAssemblyFile.Write(new ChromosomeLayout(dir), assembly);

            progress?.Report(new BuildProgress(bubbleGunJson is null ? "finding bubbles" : "importing BubbleGun bubbles", 0, 0));
            // The path blocks need only paths/ and the step index, so they are cut while the bubbles are found; links.db
            // is loaded after both, so that its SQLite cache never adds to the bubble stage's peak.
            var blocks = Task.Run(() => PathBlockIndex.Build(dir, stop.Token), stop.Token);
            background = blocks;
            var (bubbles, bubblesCost) = await MeasureAsync(() => RunBubblesAsync(bubbleGunJson, dir, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            background = LoadLinksAfterAsync(blocks, build, stop.Token);
            return new StartedGraphStages(new GraphStagesResult(build.Result, buildCost, bubbles, bubblesCost), background, stop, build);
        }
        catch
        {
            // The caller deletes the directory when this fails; the background writers must be gone from it first.
            await StartedGraphStages.StopAsync(stop, background, build).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task LoadLinksAfterAsync(Task blocks, StartedChromosomeBuild build, CancellationToken ct)
    {
        await blocks.ConfigureAwait(false);
        await Task.Factory.StartNew(() => build.WriteLinksDatabase(ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .ConfigureAwait(false);
    }

    /// <summary>Draws the skeleton of the chromosome in <paramref name="dir"/> (built by <see cref="BuildGraphAsync"/>).</summary>
    public static Task<(SkeletonStageResult Result, StageCost Cost)> SkeletonAsync(string dir, string chromosome, string? reference,
        CancellationToken cancellationToken) =>
        MeasureAsync(() => Task.FromResult(SkeletonStage.Run(dir, chromosome, reference, cancellationToken)), cancellationToken);

    /// <summary>
    /// Draws the skeleton of a published chromosome again and publishes it (<c>pangy skeleton</c>). The skeleton is
    /// several files and folders beside the graph, so moving them in one by one would let a reader (or a kill) see
    /// half of it: the stage runs in a workspace that mirrors the published chromosome through hard links (no bytes
    /// copied) and the whole chromosome is swapped in with one atomic exchange, as the pipeline's BuildSkeleton does.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The chromosome is not published.</exception>
    public static async Task<(SkeletonStageResult Result, StageCost Cost)> RedrawSkeletonAsync(Storage.IDatastore datastore,
        Storage.ChromosomeKey key, string? reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datastore);
        using var workspace = datastore.CreateWorkspaceFrom(key);
        var drawn = await SkeletonAsync(workspace.Directory, key.Chromosome, reference, cancellationToken).ConfigureAwait(false);
        await datastore.PublishAsync(workspace, replace: true, cancellationToken).ConfigureAwait(false);
        return drawn;
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
