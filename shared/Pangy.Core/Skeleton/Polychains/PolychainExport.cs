using System.Collections;
using System.Globalization;
using Pangy.Core.Build;
using Pangy.Core.Formats.Json;
using Pangy.Core.Datastore;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Skeleton.Polychains;

/// <summary>What the polychain export produced.</summary>
internal sealed record PolychainExportResult(
    int IndexedChains,
    int Entries,
    int JunctionSegments,
    int JunctionGfaLinks,
    int JunctionNodes,
    int JunctionLinks);

/// <summary>
/// Polychains (§4.1, §7.4): every top-level chain decomposed into <c>polychain.mmapindex/</c> (the x-range arrays and
/// <c>decomp/{chain}.json.gz</c>) and, in one streaming pass, the whole-chromosome <c>polychain-data.json.gz</c> with
/// the junction graph.
/// </summary>
/// <remarks>
/// Chains are processed in the order the reference's export reads the decomposition files, the file names sorted
/// as strings (<c>10.json.gz</c> before <c>2.json.gz</c>), so entries are written once, as they are made, and only a
/// small summary of each is kept for the junction graph. Decompositions of different top-level chains share no
/// bubble, so this order changes nothing in them.
/// </remarks>
internal static class PolychainExport
{
    /// <summary>
    /// Writes the polychain index under <paramref name="indexDir"/> and <paramref name="dataPath"/>. The bubble table
    /// (<c>bubbles.db</c> of <paramref name="chromosomeDir"/>) is read for the decomposition only and dropped before
    /// the junction graph is built, which needs just a summary of each entry.
    /// </summary>
    public static PolychainExportResult Write(SkeletonGraph graph, string chromosomeDir, string spillDir, string indexDir, string dataPath,
        CancellationToken cancellationToken)
    {
        string decompDir = Path.Combine(indexDir, PolychainIndexLayout.DecompositionDirectoryName);
        Directory.CreateDirectory(decompDir);
        // Built now, while little else is in memory: building it maps the link arrays whole for a moment.
        graph.LoadAdjacency();

        using var data = new PyJsonStream(OutputFiles.CreateGzip(dataPath));
        var dj = data.Json;
        // The reference writes this frame by hand (no spaces) and each piece with json.dump (default separators).
        dj.Raw("{\"chains\":[");
        var pass = Decompose(graph, chromosomeDir, spillDir, decompDir, data, cancellationToken);
        dj.Raw("]");
        // The bubble table is garbage now, and the decomposition's pages of the graph (lengths, steps) are not needed
        // again: free both before the junction graph is built.
        graph.ReleaseMappings();
        SkeletonExport.CollectGarbage();

        int junctionSegs = 0, junctionGfaLinks = 0, nodes = 0, links = 0;
        if (pass.Entries > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bypass = new BypassSegments(pass.BypassSegs, SegmentStorage.Dense, graph.MaxId + 1);
            pass.BypassSegs = null!;
            // Each step leaves its working sets (large arrays, freed only by a full collection) behind.
            var jg = new JunctionGraph(new GraphSource(graph, pass.Decomposed), pass.Summaries, new SortedPairs(pass.Suppressed),
                SegmentStorage.Dense, piecesReleased: SkeletonExport.CollectGarbage);
            pass.Suppressed = null!;
            SkeletonExport.CollectGarbage();
            jg.MergeBypasses(pass.Summaries, bypass, pass.BypassLinks);
            pass.Summaries = null!;
            pass.BypassLinks = null!;
            SkeletonExport.CollectGarbage();
            (junctionSegs, junctionGfaLinks) = WriteJunction(data, graph, jg, bypass, pass.TopLevelEnds);
            dj.Raw(",\"junctionNodes\":[");
            for (int i = 0; i < jg.Nodes.Count; i++)
            {
                if (i > 0) dj.ItemSep();
                data.Point(jg.Nodes[i].X, jg.Nodes[i].Y);
                data.MaybeFlush();
            }
            dj.Raw("],\"junctionLinks\":[");
            for (int i = 0; i < jg.Links.Count; i++)
            {
                var l = jg.Links[i];
                if (i > 0) dj.ItemSep();
                dj.Raw("[");
                data.Point(l.A.X, l.A.Y).ItemSep();
                data.Point(l.B.X, l.B.Y).ItemSep().Int(l.SegA).ItemSep().Int(l.SegB).Raw("]");
                data.MaybeFlush();
            }
            dj.Raw("]");
            nodes = jg.Nodes.Count;
            links = jg.Links.Count;
        }
        else
        {
            // No chains: the reference writes no polychain data; an empty junction keeps the file's shape.
            dj.Raw(",\"junction\":{\"ids\": [], \"x1\": [], \"y1\": [], \"x2\": [], \"y2\": [], \"lengths\": [], \"gcCounts\": [], \"links\": []}")
                .Raw(",\"junctionNodes\":[],\"junctionLinks\":[]");
        }
        dj.Raw("}");

        WriteIndex(indexDir, pass.Index);
        return new PolychainExportResult(pass.Index.Count, pass.Entries, junctionSegs, junctionGfaLinks, nodes, links);
    }

    /// <summary>The junction graph's view of the stage's graph: owners from <c>segment_to_bubble</c>, decomposed
    /// bubbles as a bit per bubble id.</summary>
    private sealed class GraphSource(SkeletonGraph graph, BitArray decomposed) : IJunctionGraphSource
    {
        public int SegmentCapacity => graph.MaxId + 1;
        public bool IsValid(int segment) => graph.IsValid(segment);
        public (double X, double Y) Centroid(int segment) => graph.Centroid(segment);
        public void NeighboursOf(int segment, List<int> into) => graph.NeighboursOf(segment, into);

        public bool IsNaked(int segment)
        {
            int owner = graph.OwnerOf(segment);
            return owner == 0 || (owner < decomposed.Length && decomposed[owner]);
        }
    }

    /// <summary>What the junction graph needs from the decomposition, once the bubble table is gone.</summary>
    private sealed class DecompositionPass
    {
        public List<(double X1, double X2, long Id)> Index = [];
        public List<EntrySummary> Summaries = [];
        public List<int> BypassSegs = [];
        public List<(int From, int To)> BypassLinks = [];
        /// <summary>Per bubble id: expanded by some decomposition.</summary>
        public BitArray Decomposed = new(0);
        /// <summary>Links from a chain's ends into its own first or last bubble (unordered segment pairs).</summary>
        public List<long> Suppressed = [];
        /// <summary>Per segment: a source or sink of a top-level bubble (as stored).</summary>
        public BitArray TopLevelEnds = new(0);
        public int Entries;
    }

    /// <summary>
    /// Decomposes every top-level chain, writing <c>decomp/</c> and the <c>"chains"</c> items of the data file.
    /// The bubble table lives only here.
    /// </summary>
    private static DecompositionPass Decompose(SkeletonGraph graph, string chromosomeDir, string spillDir, string decompDir, PyJsonStream data,
        CancellationToken cancellationToken)
    {
        using var bubbles = BubbleTable.Open(chromosomeDir, graph.MaxId, spillDir);
        var pass = new DecompositionPass { Decomposed = new BitArray(bubbles.MaxId + 1), TopLevelEnds = new BitArray(graph.MaxId + 1) };

        var topLevel = new SortedSet<int>();
        for (int b = 1; b <= bubbles.MaxId; b++)
            if (bubbles.Exists[b] && bubbles.Parent[b] == 0) topLevel.Add(bubbles.Chain[b]);
        var order = topLevel.Select(c => (Chain: c, Name: PolychainIndexLayout.DecompositionName(c))).ToList();
        order.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        var decomposer = new ChainDecomposer(graph, bubbles);
        var dj = data.Json;
        // decomp/ files are serialised, compressed and written on another thread while the next chain is decomposed;
        // a decomposition is not changed once made, and the bounded queue keeps only a few of them alive.
        using var writer = new OrderedWorker("pangy decomp files", capacity: 4);
        foreach (var (chain, name) in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Top-level chains share no bubble: the previous one's rows are not needed again.
            bubbles.Unload();
            // Every top-level bubble is in one of these chains.
            foreach (int b in bubbles.ChainBubbles(chain))
            {
                if (bubbles.Parent[b] != 0) continue;
                foreach (int s in bubbles.StoredSource(b)) pass.TopLevelEnds[s] = true;
                foreach (int s in bubbles.StoredSink(b)) pass.TopLevelEnds[s] = true;
            }
            var members = decomposer.AssembleTopLevel(chain);
            var r = decomposer.DecomposeTopLevel(chain, members);
            if (r.Entries.Count == 0) continue;
            double minX = double.PositiveInfinity, maxX = double.NegativeInfinity;
            foreach (int b in members)
            {
                double bx1 = Math.Min(bubbles.X1(b), bubbles.X2(b)), bx2 = Math.Max(bubbles.X1(b), bubbles.X2(b));
                if (bx1 < minX) minX = bx1;
                if (bx2 > maxX) maxX = bx2;
            }
            if (double.IsPositiveInfinity(minX)) continue;

            string path = Path.Combine(decompDir, name);
            writer.Post(null, () => WriteDecomposition(path, r));
            pass.Index.Add((minX, maxX, chain));
            foreach (var e in r.Entries)
            {
                if (pass.Entries++ > 0) dj.Raw(",");
                e.Write(data, forData: true);
                data.MaybeFlush();
                pass.Summaries.Add(new EntrySummary(e.Id, e.SourceSegs, e.SinkSegs, e.StartSeg, e.EndSeg,
                    e.Polyline.Count >= 2 ? e.Polyline[0] : null, e.Polyline.Count >= 2 ? e.Polyline[^1] : null));
                // Links inside a chain's first or last bubble (its end to its own inside) are not junction links.
                if (e.BubbleIds.Length > 0)
                {
                    JunctionGraph.AddSuppressed(pass.Suppressed, e.SourceSegs, bubbles.Inside(e.BubbleIds[0]));
                    JunctionGraph.AddSuppressed(pass.Suppressed, e.SinkSegs, bubbles.Inside(e.BubbleIds[^1]));
                }
            }
            pass.BypassSegs.AddRange(r.BypassSegIds);
            pass.BypassLinks.AddRange(r.BypassLinks);
            foreach (int b in r.DecomposedBubbles) if ((uint)b <= (uint)bubbles.MaxId) pass.Decomposed[b] = true;
        }
        writer.Drain();
        return pass;
    }

    /// <summary>
    /// <c>"junction"</c>: the junction segments (naked or bypass segments that are not chain endpoints, ascending, then
    /// the orphans: valid segments in no bubble and at no chain end) with their layout, lengths and GC counts, and
    /// every GFA link touching one of them.
    /// </summary>
    private static (int Segments, int Links) WriteJunction(PyJsonStream output, SkeletonGraph graph,
        JunctionGraph jg, BypassSegments bypass, BitArray topLevelEnds)
    {
        var j = output.Json;
        int n = graph.MaxId + 1;
        var ids = new List<int>();
        var inJunction = new BitArray(n);
        for (int s = 0; s < n; s++)
        {
            if (!(jg.NakedVisited[s] || bypass.Contains(s)) || jg.IsEndpoint(s) || !graph.IsValid(s)) continue;
            ids.Add(s);
            inJunction[s] = true;
        }
        // Orphans: no bubble owns them, not even as the boundary of a top-level bubble.
        for (int s = 0; s < n; s++)
        {
            if (!graph.IsValid(s) || jg.IsEndpoint(s) || inJunction[s]) continue;
            if (graph.OwnerOf(s) != 0 || topLevelEnds[s]) continue;
            ids.Add(s);
            inJunction[s] = true;
        }

        // The columns are read from the files for just these segments: mapping them would make every page resident.
        var idSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids);
        j.Raw(",\"junction\":{").Key("ids").Raw("[");
        Column(ids, i => j.Int(ids[i]));
        foreach (var (key, column) in new[] { ("x1", SegmentColumn.X1), ("y1", SegmentColumn.Y1), ("x2", SegmentColumn.X2), ("y2", SegmentColumn.Y2) })
        {
            var values = graph.GatherLayout(column, idSpan);
            j.Raw("]").ItemSep().Key(key).Raw("["); Column(ids, i => output.Float(PythonRound.Round(values[i], 1)));
        }
        foreach (var (key, column) in new[] { ("lengths", SegmentColumn.Length), ("gcCounts", SegmentColumn.GcCount) })
        {
            var values = graph.GatherCounts(column, idSpan);
            j.Raw("]").ItemSep().Key(key).Raw("["); Column(ids, i => j.Int(values[i]));
        }
        j.Raw("]").ItemSep().Key("links").Raw("[");
        var seen = PairKey.NewSet();
        int links = 0;
        for (int s = 0; s < n; s++)
        {
            if (!inJunction[s]) continue;
            foreach (int e in graph.Neighbours(s))
            {
                int other = SkeletonGraph.Other(e);
                var (a, b) = SkeletonGraph.IsFromOther(e) ? (other, s) : (s, other);
                if (!seen.Add(PairKey.Unordered(a, b))) continue;
                if (links++ > 0) j.ItemSep();
                j.Raw("[").Int(a).ItemSep().Int(b).Raw("]");
                output.MaybeFlush();
            }
        }
        j.Raw("]}");
        return (ids.Count, links);

        // Writes write(i) for every index of the list.
        void Column(List<int> list, Action<int> write)
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (i > 0) j.ItemSep();
                write(i);
                if ((i & 1023) == 0) output.MaybeFlush();
            }
        }
    }

    private static void WriteDecomposition(string path, Decomposition r)
    {
        using var output = new PyJsonStream(OutputFiles.CreateGzip(path, PyJsonStream.SmallBuffer), bufferChars: PyJsonStream.SmallBuffer);
        var j = output.Json;
        j.Raw("{").Key("chains").Raw("[");
        for (int i = 0; i < r.Entries.Count; i++)
        {
            if (i > 0) j.ItemSep();
            r.Entries[i].Write(output, forData: false);
            output.MaybeFlush();
        }
        j.Raw("]").ItemSep().Key("bubbles").Raw("[]").ItemSep().Key("bypass_links").Raw("[");
        for (int i = 0; i < r.BypassPolylines.Count; i++)
        {
            if (i > 0) j.ItemSep();
            ChainPiece.WritePolyline(output, r.BypassPolylines[i]);
        }
        j.Raw("]").ItemSep().Key("bypass_seg_ids");
        ChainPiece.Ints(j, r.BypassSegIds.ToArray());
        j.ItemSep().Key("bypass_gfa_links").Raw("[");
        for (int i = 0; i < r.BypassLinks.Count; i++)
        {
            if (i > 0) j.ItemSep();
            j.Raw("[").Int(r.BypassLinks[i].From).ItemSep().Int(r.BypassLinks[i].To).Raw("]");
        }
        j.Raw("]").ItemSep().Key("decomposed_bubbles");
        ChainPiece.Ints(j, r.DecomposedBubbles.ToArray());
        j.Raw("}");
    }

    /// <summary>The index arrays, sorted by (x1, x2, id), and <c>meta.json</c> (§4.1).</summary>
    private static void WriteIndex(string dir, List<(double X1, double X2, long Id)> entries)
    {
        entries.Sort();
        IndexDirectoryWriter.Create(PolychainIndexLayout.Index, dir)
            .Write<double>(PolychainIndexLayout.ChainX1, entries.Select(e => e.X1).ToArray())
            .Write<double>(PolychainIndexLayout.ChainX2, entries.Select(e => e.X2).ToArray())
            .Write<long>(PolychainIndexLayout.ChainIds, entries.Select(e => e.Id).ToArray())
            .Finish((PolychainIndexLayout.CountKey, entries.Count));
    }
}
