using System.Diagnostics;
using Pangy.Core.Formats;
using Pangy.Core.Formats.BubbleGunJson;

namespace Pangy.Core.Bubbles;

/// <summary>What the bubble stage did: written bubbles by subtype, kept chains, absorbed segments, and its time.</summary>
public sealed record BubbleStageResult(int Bubbles, int Simple, int Super, int Insertion, int Chains, int CompactedSegments, TimeSpan Elapsed);

/// <summary>
/// The bubble stage of <c>pangy add</c>: reads a chromosome directory written by the chromosome build and writes
/// <c>bubbles.db</c> (§3.3) and <c>bubbles.mmapindex/</c> (§4.1) next to it.
/// </summary>
public static class BubbleStage
{
    public const string DbFileName = "bubbles.db";
    public const string IndexDirName = "bubbles.mmapindex";

    /// <summary>
    /// Finds bubbles and chains with the native finder or, when <paramref name="bubbleGunJsonPath"/> is given, takes
    /// them from that BubbleGun JSON (§6.6, plain or gzip) and recomputes the rest from the graph. Outputs are written
    /// under temporary names in <paramref name="chromosomeDir"/> and renamed into place only when both are complete,
    /// replacing earlier ones; on any failure nothing new is left behind.
    /// </summary>
    /// <exception cref="BadInputException">The inputs cannot give bubbles: a malformed or inconsistent BubbleGun
    /// JSON, a cycle of unitigs in the graph, a missing or damaged input file.</exception>
    /// <param name="bubbleGunJsonName">The name errors give the JSON (the file as the user named it); default its file name.</param>
    public static BubbleStageResult Run(string chromosomeDir, string? bubbleGunJsonPath = null, CancellationToken cancellationToken = default,
        string? bubbleGunJsonName = null)
    {
        var clock = Stopwatch.StartNew();
        var input = BubbleGraphInput.Load(chromosomeDir, cancellationToken);
        BubbleComputation computation;
        if (bubbleGunJsonPath is null)
        {
            computation = BubbleComputation.Native(input, cancellationToken);
        }
        else
        {
            string name = bubbleGunJsonName ?? Path.GetFileName(bubbleGunJsonPath);
            // BubbleGun names nodes as the GFA does; a graph whose names were not integers was renumbered by the build.
            var names = ChromosomeInputReader.ReadSegmentNames(chromosomeDir);
            Func<string, long>? nodeIds = names is null ? null : n => names.TryGetValue(n, out int id) ? id : -1;
            if (!File.Exists(bubbleGunJsonPath)) throw new BadInputException(name, null, "file not found");
            BubbleGunDocument document;
            using (var stream = File.OpenRead(bubbleGunJsonPath))
                document = BubbleGunJsonReader.Read(stream, name, nodeIds, cancellationToken);
            computation = BubbleComputation.FromBubbleGun(input, document, name, cancellationToken);
        }

        string dbPath = Path.Combine(chromosomeDir, DbFileName);
        string indexDir = Path.Combine(chromosomeDir, IndexDirName);
        string dbTemp = dbPath + ".partial";
        string indexTemp = indexDir + ".partial";
        try
        {
            DeleteQuietly(dbTemp, indexTemp);
            computation.Write(dbTemp, indexTemp, cancellationToken);
            if (Directory.Exists(indexDir)) Directory.Delete(indexDir, recursive: true);
            File.Move(dbTemp, dbPath, overwrite: true);
            Directory.Move(indexTemp, indexDir);
        }
        catch
        {
            DeleteQuietly(dbTemp, indexTemp);
            throw;
        }

        var (simple, super, insertion) = computation.CountByKind();
        return new BubbleStageResult(computation.Chains.WrittenCount, simple, super, insertion,
            computation.Chains.ChainCount, computation.Graph.CompactedSegments, clock.Elapsed);
    }

    private static void DeleteQuietly(string file, string dir)
    {
        try { if (File.Exists(file)) File.Delete(file); } catch (IOException) { }
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
