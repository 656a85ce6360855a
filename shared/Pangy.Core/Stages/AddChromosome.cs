using System.Diagnostics;
using Pangy.Core.Build;
using Pangy.Core.Storage;

namespace Pangy.Core.Stages;

/// <summary>What to add: one chromosome of one dataset from a GFA and its layout (<c>pangy add</c>, the Ingest function).</summary>
public sealed record AddChromosomeRequest(
    ChromosomeKey Key,
    InputFile Gfa,
    InputFile Layout,
    ChromosomeBuildOptions Options,
    bool Replace = false);

/// <summary>What adding a chromosome did, per stage.</summary>
public sealed record AddChromosomeResult(ChromosomeKey Key, ChromosomeBuildResult Build, TimeSpan Elapsed, long PeakMemoryBytes);

/// <summary>
/// The ingest pipeline for one chromosome: build in a private workspace, then publish atomically. The same code runs
/// from the CLI, from the queue-triggered Ingest function and from the local folder watcher; only the
/// <see cref="IDatastore"/> and the <see cref="InputFile"/>s differ.
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
        var build = await Task.Run(() => ChromosomeBuilder.Build(request.Gfa, request.Layout, request.Options, workspace.Directory,
            progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        progress?.Report(new BuildProgress("publishing", 0, 0));
        await datastore.PublishAsync(workspace, request.Replace, cancellationToken).ConfigureAwait(false);
        return new AddChromosomeResult(request.Key, build, clock.Elapsed, PeakMemory.Bytes());
    }
}

/// <summary>The process's peak resident memory (VmHWM on Linux).</summary>
public static class PeakMemory
{
    public static long Bytes()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64;
    }
}
