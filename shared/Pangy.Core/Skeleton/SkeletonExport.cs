using System.Globalization;
using Pangy.Core.Datastore;
using Pangy.Core.Formats;
using Pangy.Core.Formats.SkeletonBin;

namespace Pangy.Core.Skeleton;

/// <summary>What one level of the skeleton holds (a row of <c>levels</c> in <c>skeleton/meta.json.gz</c>).</summary>
internal readonly record struct SkeletonLevelInfo(int GridSize, int Polylines, long Points, long ByteLength);

/// <summary>What the skeleton export produced.</summary>
internal sealed record SkeletonExportResult(int Junctions, int Runs, int LabelledRuns, IReadOnlyList<SkeletonLevelInfo> Levels,
    (int? Total, int? MaxDepth) BubbleTotals);

/// <summary>
/// The skeleton proper (§7.1–7.3): runs → polylines → the floor-snapped dyadic cascade, written as
/// <c>polylines.bin.gz</c> (grid-varint, levels in ladder order) and <c>meta.json.gz</c>.
/// </summary>
internal static class SkeletonExport
{
    /// <summary>The viewer's dyadic ladder before finer levels are prepended.</summary>
    public static readonly int[] ViewerGridSizes = [100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600];

    /// <summary>
    /// The grid ladder (§7.2): <see cref="ViewerGridSizes"/>, with halves prepended while the finest cell is even and
    /// its half is at least extent/2000, the extent being the larger side of the valid segments' bounding box.
    /// </summary>
    public static List<int> GridSizes(SkeletonGraph graph)
    {
        var sizes = new List<int>(ViewerGridSizes);
        var valid = graph.Valid;
        var x1 = graph.X1; var x2 = graph.X2; var y1 = graph.Y1; var y2 = graph.Y2;
        float minX = float.PositiveInfinity, maxX = float.NegativeInfinity, minY = float.PositiveInfinity, maxY = float.NegativeInfinity;
        bool any = false;
        for (int s = 0; s < valid.Length; s++)
        {
            if (valid[s] == 0) continue;
            any = true;
            minX = Math.Min(minX, Math.Min(x1[s], x2[s])); maxX = Math.Max(maxX, Math.Max(x1[s], x2[s]));
            minY = Math.Min(minY, Math.Min(y1[s], y2[s])); maxY = Math.Max(maxY, Math.Max(y1[s], y2[s]));
        }
        if (!any) return sizes;
        // The extent is a float32 difference, as the reference computes it from the float32 arrays.
        double extent = Math.Max(maxX - minX, maxY - minY);
        double minUseful = extent / 2000;
        while (sizes[0] % 2 == 0 && sizes[0] / 2 >= minUseful) sizes.Insert(0, sizes[0] / 2);
        return sizes;
    }

    /// <summary>Builds every level and writes <paramref name="binPath"/> and <paramref name="metaPath"/>.</summary>
    public static SkeletonExportResult Write(SkeletonGraph graph, BubbleTable bubbles, string chromosome, string binPath, string metaPath,
        CancellationToken cancellationToken)
    {
        // Topology first: the adjacency replaces the link arrays it reads, and the layout is mapped only after.
        var topology = new SkeletonTopology(graph);
        graph.LoadAdjacency();
        var sizes = GridSizes(graph);
        var level = FinestLevel(graph, bubbles, topology, sizes[0], out int runs, out int labelled, cancellationToken);
        // The coarser levels are made from the finest alone: the graph need not stay in memory meanwhile.
        graph.ReleaseMappings();
        graph.DropAdjacency();
        CollectGarbage();
        var infos = new List<SkeletonLevelInfo>(sizes.Count);
        using (var bin = OutputFiles.CreateGzip(binPath))
        {
            for (int i = 0; i < sizes.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (i > 0)
                {
                    level = level.Coarsen();
                    if (level.Count > LargeLevel) CollectGarbage(); // the finer level is garbage now
                }
                var writer = new GridVarintLevelWriter();
                GridTracer.Trace(level, new EncodingSink(writer), cancellationToken);
                long bytes = writer.WriteTo(bin);
                infos.Add(new SkeletonLevelInfo(sizes[i], writer.Polylines, writer.Points, bytes));
                // A large level's tracing leaves arrays as large as the level: free them before the next is made.
                if (level.Count > LargeLevel) CollectGarbage();
            }
        }
        WriteMeta(metaPath, graph, bubbles, chromosome, topology.JunctionCount, runs, infos);
        return new SkeletonExportResult(topology.JunctionCount, runs, labelled, infos, GraphMetaWriter.BubbleTotals(bubbles));
    }

    /// <summary>
    /// The finest level: every run's centroid polyline floor-snapped to <paramref name="cell"/>, consecutive duplicates
    /// dropped, each remaining step an edge weighted 1 for the run's chain.
    /// </summary>
    public static GridLevel FinestLevel(SkeletonGraph graph, BubbleTable bubbles, SkeletonTopology topology, int cell,
        out int runs, out int labelled, CancellationToken cancellationToken = default)
    {
        var labeller = new RunChainLabeller(graph, bubbles);
        // Runs have at most one edge per link; start smaller and let the table grow to what the level needs.
        var level = new GridLevel(Math.Min(graph.LinkCount, 1 << 20));
        int mapped = 0;
        runs = topology.WalkRuns(run =>
        {
            int chain = labeller.Label(run);
            if (chain >= 0) mapped++;
            ulong prev = Snap(graph, run[0], cell);
            for (int i = 1; i < run.Length; i++)
            {
                ulong cur = Snap(graph, run[i], cell);
                if (cur == prev) continue;
                level.Add(prev, cur, chain, 1);
                prev = cur;
            }
        }, cancellationToken);
        labelled = mapped;
        level.Seal();
        return level;
    }

    private const int LargeLevel = 1 << 20;

    /// <summary>
    /// A full blocking, compacting collection that also returns the freed memory to the system: a chromosome's levels
    /// and tables are large arrays that only a gen-2 collection frees, and memory the runtime keeps committed still
    /// counts in the stage's peak.
    /// </summary>
    internal static void CollectGarbage() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>The grid point of a segment's centroid at the finest cell: floor(c / cell) per axis.</summary>
    private static ulong Snap(SkeletonGraph graph, int seg, int cell)
    {
        var (cx, cy) = graph.Centroid(seg);
        double gx = Math.Floor(cx / cell), gy = Math.Floor(cy / cell);
        if (!(gx >= int.MinValue && gx <= int.MaxValue && gy >= int.MinValue && gy <= int.MaxValue))
            throw new BadInputException(SegmentIndexLayout.Index.DirectoryName, null,
                $"segment {seg} has layout centroid ({cx}, {cy}), outside the range the skeleton grid can hold");
        return GridLevel.Pack((int)gx, (int)gy);
    }

    private static void WriteMeta(string path, SkeletonGraph graph, BubbleTable bubbles, string chromosome, int junctions, int runs,
        List<SkeletonLevelInfo> levels)
    {
        using var output = new PyJsonStream(OutputFiles.CreateGzip(path));
        var j = output.Json;
        // "meta" must come first: the reference finds version and snap with a regex over the first 200 characters.
        j.Raw("{").Key("meta").Raw("{").Key("version").String(PangyVersion.Current).ItemSep()
            .Key("encoding").String("grid-varint").ItemSep().Key("snap").String("floor").Raw("}").ItemSep();
        j.Key("stats").Raw("{").Key("totalSegments").Int(graph.SegmentCount).ItemSep().Key("totalLinks").Int(graph.LinkCount).ItemSep()
            .Key("junctionCount").Int(junctions).ItemSep().Key("runCount").Int(runs).Raw("}").ItemSep();
        j.Key("chromosome").String(chromosome).ItemSep();
        j.Key("levels").Raw("[");
        for (int i = 0; i < levels.Count; i++)
        {
            var l = levels[i];
            if (i > 0) j.ItemSep();
            j.Raw("{").Key("gridSize").Int(l.GridSize).ItemSep()
                .Key("label").String("Grid " + l.GridSize.ToString("#,0", CultureInfo.InvariantCulture)).ItemSep()
                .Key("nodeCount").Int(l.Points).ItemSep()
                .Key("polylineCount").Int(l.Polylines).ItemSep()
                .Key("numPolylines").Int(l.Polylines).ItemSep()
                .Key("totalPoints").Int(l.Points).ItemSep()
                .Key("byteLength").Int(l.ByteLength).Raw("}");
        }
        j.Raw("]").ItemSep();
        j.Key("chainMeta").Raw("{");
        bool first = true;
        for (int c = 1; c <= bubbles.MaxChain; c++)
        {
            int size = bubbles.ChainSize(c);
            if (size == 0) continue;
            if (!first) j.ItemSep();
            first = false;
            j.Key(c.ToString(CultureInfo.InvariantCulture)).Raw("{").Key("n_bubbles").Int(size).ItemSep()
                .Key("total_length").Int(bubbles.ChainLength[c]).ItemSep().Key("parent");
            if (bubbles.ChainParent[c] == 0) j.Null(); else j.Int(bubbles.ChainParent[c]);
            if (bubbles.ChainParentBubble[c] != 0) j.ItemSep().Key("parent_bubble").Int(bubbles.ChainParentBubble[c]);
            j.Raw("}");
            output.MaybeFlush();
        }
        j.Raw("}}");
    }

    /// <summary>Feeds traced polylines (packed grid points) to the level encoder.</summary>
    private sealed class EncodingSink(GridVarintLevelWriter writer) : IPolylineSink
    {
        public void Polyline(ReadOnlySpan<ulong> points, int chainId)
        {
            writer.BeginPolyline(points.Length, chainId);
            long px = 0, py = 0;
            foreach (ulong p in points)
            {
                long x = GridLevel.X(p), y = GridLevel.Y(p);
                writer.AddPoint(x - px, y - py);
                px = x; py = y;
            }
        }
    }
}
