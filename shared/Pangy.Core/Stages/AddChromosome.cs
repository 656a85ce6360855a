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
        var graph = await ChromosomeStages.BuildGraphAsync(dir, request.Gfa, request.Layout, request.Options, request.BubbleGunJson,
            progress, cancellationToken).ConfigureAwait(false);
        progress?.Report(new BuildProgress("drawing the skeleton", 0, 0));
        var (skeleton, skeletonCost) = await ChromosomeStages.SkeletonAsync(dir, request.Key.Chromosome, request.Options.Reference,
            cancellationToken).ConfigureAwait(false);
        var (build, buildCost, bubbles, bubblesCost) = graph;

        progress?.Report(new BuildProgress("publishing", 0, 0));
        await datastore.PublishAsync(workspace, request.Replace, cancellationToken).ConfigureAwait(false);
        return new AddChromosomeResult(request.Key, build, buildCost, bubbles, bubblesCost, skeleton, skeletonCost, clock.Elapsed,
            Math.Max(buildCost.PeakMemoryBytes, Math.Max(bubblesCost.PeakMemoryBytes, skeletonCost.PeakMemoryBytes)));
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
