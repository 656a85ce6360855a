using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pangy.Core.Datastore;
using Pangy.Core.Bubbles;
using Pangy.Core.Formats;
using Pangy.Core.Skeleton.Polychains;

namespace Pangy.Core.Skeleton;

/// <summary>
/// The skeleton stage of <c>pangy add</c> (the <c>functions/Skeleton</c> workload), run after the chromosome build and
/// the bubble stage: it reads a chromosome directory and writes into it
/// <list type="bullet">
/// <item><c>skeleton/polylines.bin.gz</c> and <c>skeleton/meta.json.gz</c>: the multi-resolution skeleton (§7.1–7.3);</item>
/// <item><c>skeleton/spine-{ref}.json.gz</c>: the reference spine (§7.5), the ref name escaped for file names;</item>
/// <item><c>polychain.mmapindex/</c> and <c>polychain-data.json.gz</c>: polychains and the junction graph (§4.1, §7.4);</item>
/// <item><c>meta.json</c>: graph metadata (§7.6).</item>
/// </list>
/// Everything is written under a temporary directory and moved into place at the end, replacing earlier outputs, so
/// a failure leaves the directory as it was. Outputs are deterministic (decision 6); where the reference's order
/// follows Python set iteration a stable order is used instead (see <c>docs/skeleton.md</c>).
/// </summary>
public static class SkeletonStage
{
    private const string WorkDirName = ".skeleton.partial";

    /// <summary>Runs the stage on <paramref name="chromosomeDir"/>.</summary>
    /// <param name="chromosomeDir">A chromosome directory holding the chromosome build's and the bubble stage's outputs.</param>
    /// <param name="chromosome">The chromosome name recorded in the metadata (<c>--chr</c>).</param>
    /// <param name="reference">The reference genome (<c>--ref</c>); null to take it from the step index, whose
    /// <c>genome</c> it must equal when given.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <exception cref="BadInputException">An input file is missing or unusable, or <paramref name="reference"/> is not
    /// the step index's genome.</exception>
    public static SkeletonStageResult Run(string chromosomeDir, string chromosome, string? reference = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chromosomeDir);
        ArgumentException.ThrowIfNullOrEmpty(chromosome);
        var clock = Stopwatch.StartNew();
        if (!Directory.Exists(chromosomeDir)) throw new BadInputException(chromosomeDir, null, "chromosome directory not found");

        using var graph = SkeletonGraph.Open(chromosomeDir, cancellationToken);
        string genome = graph.Genome;
        if (reference is not null && reference != genome)
            throw new BadInputException(new ChromosomeLayout(chromosomeDir).IndexMetaFile(StepIndexLayout.Index), null,
                $"the step index is for reference '{genome}', not '{reference}'");
        string work = Path.Combine(chromosomeDir, WorkDirName);
        DeleteQuietly(work);
        Directory.CreateDirectory(work);
        try
        {
            // The work directory is laid out as the chromosome directory, so that publishing is a move per entry.
            var outputs = new ChromosomeLayout(work);
            string skeletonDir = outputs.SkeletonDirectory;
            Directory.CreateDirectory(skeletonDir);
            var skeleton = WriteSkeleton(graph, chromosomeDir, chromosome, skeletonDir, cancellationToken);
            graph.ReleaseMappings();
            SkeletonExport.CollectGarbage();

            cancellationToken.ThrowIfCancellationRequested();
            int spinePoints = SpineWriter.Write(graph, Path.Combine(skeletonDir, ChromosomeLayout.SpineName(genome)), cancellationToken);
            graph.ReleaseMappings();

            cancellationToken.ThrowIfCancellationRequested();
            var polychains = PolychainExport.Write(graph, chromosomeDir, work, outputs.IndexDirectory(PolychainIndexLayout.Index),
                outputs.PolychainDataFile, cancellationToken);
            graph.ReleaseMappings();
            graph.DropAdjacency();
            SkeletonExport.CollectGarbage();

            cancellationToken.ThrowIfCancellationRequested();
            GraphMetaWriter.Write(GraphMetaWriter.Compute(graph, skeleton.BubbleTotals, chromosome, chromosomeDir, cancellationToken),
                outputs.GraphMetaFile);
            Publish(work, chromosomeDir);
            return new SkeletonStageResult(skeleton.Levels.Count, skeleton.Junctions, skeleton.Runs, spinePoints,
                polychains.IndexedChains, clock.Elapsed);
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    /// <summary>
    /// The skeleton proper; it needs only the chain columns of the bubble table, which live in this frame alone so
    /// that they are garbage once it returns.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SkeletonExportResult WriteSkeleton(SkeletonGraph graph, string chromosomeDir, string chromosome, string skeletonDir,
        CancellationToken cancellationToken)
    {
        using var chains = BubbleTable.OpenChains(chromosomeDir);
        return SkeletonExport.Write(graph, chains, chromosome,
            Path.Combine(skeletonDir, ChromosomeLayout.SkeletonPolylinesName), Path.Combine(skeletonDir, ChromosomeLayout.SkeletonMetaName), cancellationToken);
    }

    /// <summary>Moves the finished outputs from <paramref name="work"/> into the chromosome directory, replacing old ones.</summary>
    private static void Publish(string work, string dir)
    {
        foreach (string name in new[] { ChromosomeLayout.SkeletonDirectoryName, PolychainIndexLayout.Index.DirectoryName })
        {
            string target = Path.Combine(dir, name);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(Path.Combine(work, name), target);
        }
        foreach (string name in new[] { ChromosomeLayout.PolychainDataName, ChromosomeLayout.GraphMetaName })
            File.Move(Path.Combine(work, name), Path.Combine(dir, name), overwrite: true);
    }

    private static void DeleteQuietly(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
