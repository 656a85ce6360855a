using System.Diagnostics;
using Pangy.Core.Bubbles;
using Pangy.Core.Build;
using Pangy.Core.Skeleton;
using Pangy.Core.Storage;

namespace Pangy.Core.Stages;

/// <summary>
/// <c>pangy add</c> for one chromosome: the graph stages and the skeleton stage of <see cref="ChromosomeStages"/> in one
/// private workspace, then one atomic publish. The pipeline runs the same stage functions, publishing after the graph
/// stages and again after the skeleton (see <c>Pipeline/</c>), so both produce byte-identical artifacts.
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
        // links.db and the path blocks are written on the other core while the bubbles and the skeleton are drawn.
        var started = await ChromosomeStages.StartGraphAsync(dir, request.Gfa, request.Layout, request.Options, request.BubbleGunJson,
            progress, cancellationToken).ConfigureAwait(false);
        SkeletonStageResult skeleton;
        StageCost skeletonCost;
        long backgroundPeak;
        await using (started.ConfigureAwait(false))
        {
            progress?.Report(new BuildProgress("drawing the skeleton", 0, 0));
            (skeleton, skeletonCost) = await ChromosomeStages.SkeletonAsync(dir, request.Key.Chromosome, request.Options.Reference,
                cancellationToken).ConfigureAwait(false);
            await started.CompleteAsync().ConfigureAwait(false);
            // The peak since the skeleton stage began, now including whatever the background writers held after it ended.
            backgroundPeak = PeakMemory.Bytes();
        }
        var (build, buildCost, bubbles, bubblesCost) = started.Result;

        progress?.Report(new BuildProgress("publishing", 0, 0));
        await datastore.PublishAsync(workspace, request.Replace, cancellationToken).ConfigureAwait(false);
        return new AddChromosomeResult(request.Key, build, buildCost, bubbles, bubblesCost, skeleton, skeletonCost, clock.Elapsed,
            Math.Max(Math.Max(buildCost.PeakMemoryBytes, backgroundPeak), Math.Max(bubblesCost.PeakMemoryBytes, skeletonCost.PeakMemoryBytes)));
    }
}
