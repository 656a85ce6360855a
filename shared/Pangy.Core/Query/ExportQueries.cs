using System.Globalization;
using System.IO.Compression;
using System.Text;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.Layout;
using Pangy.Core.Formats.Layout.Bandage;
using Pangy.Core.Formats.Layout.OdgiLay;
using Pangy.Core.Formats.PathBlocks;

namespace Pangy.Core.Query;

/// <summary>/gfa and /layout: a selection of bubbles and segments written as GFA, odgi .lay and Bandage layouts.</summary>
public static class ExportQueries
{
    /// <summary>
    /// Resolves a selection: every segment of each bubble and its descendants (unknown bubbles are skipped, as in the
    /// reference), plus the listed segments; the links among them; and, for every subpath of every sample, each run of
    /// consecutive steps inside the selection (named <c>{full_id}#{hap}#{contig}</c> as the reference names them: the
    /// input's path name, then the haplotype, 0 when the sample has none, then the contig).
    /// </summary>
    public static ExportSubgraph? Resolve(ChromosomeReader chr, string? genome, IReadOnlyList<int> bubbleIds, IReadOnlyList<int> segmentIds,
        CancellationToken cancellationToken = default)
    {
        GraphQueries.RequireGenome(chr, genome);
        var limits = chr.Limits;
        if (bubbleIds.Count + segmentIds.Count > limits.MaxExportSelection)
            throw new TooLargeQueryException($"Selection lists {bubbleIds.Count + segmentIds.Count} ids (limit {limits.MaxExportSelection}).",
                [new("selection_count", bubbleIds.Count + segmentIds.Count), new("limit", limits.MaxExportSelection)]);
        var segs = new HashSet<int>();
        if (bubbleIds.Count > 0)
        {
            var store = chr.Bubbles;
            foreach (int id in bubbleIds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (store.Get(id) is not { } b) continue;
                GraphQueries.DescendantSegments(store, b, segs, limits.MaxExportSegments);
                if (segs.Count > limits.MaxExportSegments) break;
            }
        }
        var segmentIndex = chr.Segments;
        foreach (int s in segmentIds) if (segmentIndex.IsValid(s)) segs.Add(s);
        if (segs.Count > limits.MaxExportSegments)
            throw new TooLargeQueryException($"Selection resolves to more than {limits.MaxExportSegments} segments.",
                [new("seg_count", segs.Count), new("limit", limits.MaxExportSegments)]);
        if (segs.Count == 0) return null;

        var ordered = segs.Order().ToList();
        var rows = chr.SegmentRows(ordered);
        var idMap = new Dictionary<int, int>(rows.Count);
        for (int i = 0; i < rows.Count; i++) idMap[rows[i].Id] = i + 1;

        var links = chr.Links;
        var linkIds = new List<uint>();
        var seen = new HashSet<uint>();
        cancellationToken.ThrowIfCancellationRequested();
        foreach (int s in ordered)
            foreach (uint l in links.LinksOf(s))
                if (segs.Contains((int)links.From(l)) && segs.Contains((int)links.To(l)) && seen.Add(l)) linkIds.Add(l);

        var selected = new SegmentSet(idMap.Keys);
        var paths = new List<(string, long[])>();
        foreach (var (sample, entries) in chr.Paths.Index.Samples)
        {
            // The reference names a run {full_id}#{hap or 0}#{contig}: the P line's name as the input had it (with its
            // coordinate suffix) or a W line's sample, then the haplotype of the sample name (sample#hap) and the contig.
            int hash = sample.IndexOf('#');
            string hap = hash >= 0 ? sample[(hash + 1)..] : "0";
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string name = $"{entry.FullId}#{hap}#{entry.Contig}";
                foreach (var run in Runs(chr.Paths.Blocks(entry), selected, cancellationToken)) paths.Add((name, run));
            }
        }
        return new ExportSubgraph { Segments = rows, Links = linkIds, Paths = paths, IdMap = idMap };
    }

    // Runs of consecutive selected steps; blocks whose id range holds no selected segment are skipped (and end a run).
    private static IEnumerable<long[]> Runs(PathBlockReader blocks, SegmentSet selected, CancellationToken cancellationToken)
    {
        var run = new List<long>();
        long[]? buffer = null;
        for (int k = 0; k < blocks.Blocks.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var b = blocks.Blocks[k];
            if (!selected.Intersects(b.MinSegment, b.MaxSegment))
            {
                if (run.Count > 0) { yield return run.ToArray(); run.Clear(); }
                continue;
            }
            if (buffer is null || buffer.Length < b.Steps) buffer = new long[b.Steps];
            int n = blocks.Decode(k, buffer);
            for (int i = 0; i < n; i++)
            {
                if (selected.Contains(PathStep.SegmentId(buffer[i]))) run.Add(buffer[i]);
                else if (run.Count > 0) { yield return run.ToArray(); run.Clear(); }
            }
        }
        if (run.Count > 0) yield return run.ToArray();
    }

    /// <summary>
    /// Writes the GFA 1.0 text: header, S lines, L lines (<c>0M</c>), P lines (overlaps <c>*</c>). With
    /// <paramref name="compact"/> the ids are renumbered 1..N and each S line carries its original id as <c>ON:i:</c>.
    /// </summary>
    public static void WriteGfa(Stream output, ChromosomeReader chr, ExportSubgraph? g, bool compact)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        if (g is null) return;
        w.Write("H\tVN:Z:1.0\n");
        string Id(int id) => (compact ? g.IdMap[id] : id).ToString(CultureInfo.InvariantCulture);
        foreach (var s in g.Segments)
        {
            w.Write("S\t"); w.Write(Id(s.Id)); w.Write('\t'); w.Write(string.IsNullOrEmpty(s.Seq) ? "*" : s.Seq);
            if (compact) { w.Write("\tON:i:"); w.Write(s.Id.ToString(CultureInfo.InvariantCulture)); }
            w.Write('\n');
        }
        var links = chr.Links;
        foreach (uint l in g.Links)
        {
            w.Write("L\t"); w.Write(Id((int)links.From(l))); w.Write('\t'); w.Write(links.FromStrand(l));
            w.Write('\t'); w.Write(Id((int)links.To(l))); w.Write('\t'); w.Write(links.ToStrand(l)); w.Write("\t0M\n");
        }
        foreach (var (name, steps) in g.Paths)
        {
            w.Write("P\t"); w.Write(name); w.Write('\t');
            for (int i = 0; i < steps.Length; i++)
            {
                if (i > 0) w.Write(',');
                w.Write(Id((int)PathStep.SegmentId(steps[i])));
                w.Write(PathStep.IsReverse(steps[i]) ? '-' : '+');
            }
            w.Write("\t*\n");
        }
    }

    /// <summary>
    /// Writes the /layout zip: <c>{chr}_export.gfa</c> (compacted ids), <c>{chr}_export.lay</c>, <c>{chr}_export.layout</c>
    /// and <c>README.txt</c>. Segments with a polyline in <paramref name="polylines"/> take it; the others take their stored
    /// coordinates mapped into the polylines' frame by a least-squares similarity fitted on the segments that have both.
    /// Entries carry a fixed timestamp, so the same request gives the same bytes.
    /// </summary>
    public static void WriteLayoutZip(Stream output, ChromosomeReader chr, ExportSubgraph? g, IReadOnlyDictionary<int, IReadOnlyList<LayoutPoint>>? polylines)
    {
        string prefix = chr.Name + "_export";
        var stamp = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var segments = g?.Segments ?? [];
        var coords = new Dictionary<int, IReadOnlyList<LayoutPoint>>();
        int filled = 0, refinedCount = 0;
        if (g is not null)
        {
            var refined = new Dictionary<int, IReadOnlyList<LayoutPoint>>();
            if (polylines is not null)
                foreach (var (id, pts) in polylines)
                    if (g.IdMap.ContainsKey(id) && pts.Count >= 2) refined[id] = pts;
            var stored = segments.ToDictionary(s => s.Id, s => (IReadOnlyList<LayoutPoint>)[new LayoutPoint(s.X1, s.Y1), new LayoutPoint(s.X2, s.Y2)]);
            if (refined.Count > 0)
            {
                var src = new List<LayoutPoint>();
                var dst = new List<LayoutPoint>();
                foreach (var (id, pts) in refined) { src.Add(stored[id][0]); dst.Add(pts[0]); }
                var t = Similarity.Fit(src, dst);
                foreach (var s in segments)
                {
                    if (refined.ContainsKey(s.Id)) continue;
                    refined[s.Id] = stored[s.Id].Select(t.Apply).ToList();
                    filled++;
                }
                coords = refined;
                refinedCount = segments.Count - filled;
            }
            else coords = stored;
        }

        var gfa = zip.CreateEntry(prefix + ".gfa", CompressionLevel.Fastest);
        gfa.LastWriteTime = stamp;
        using (var s = gfa.Open()) WriteGfa(s, chr, g, compact: true);

        var handles = new SegmentCoords[segments.Count];
        var nodes = new List<BandageNode>(segments.Count);
        for (int i = 0; i < segments.Count; i++)
        {
            var pts = coords.GetValueOrDefault(segments[i].Id) ?? [new LayoutPoint(0, 0), new LayoutPoint(0, 0)];
            handles[i] = new SegmentCoords(pts[0].X, pts[0].Y, pts[^1].X, pts[^1].Y);
            nodes.Add(new BandageNode(i + 1, pts));
        }
        var lay = zip.CreateEntry(prefix + ".lay", CompressionLevel.Fastest);
        lay.LastWriteTime = stamp;
        using (var s = lay.Open()) OdgiLayWriter.Write(s, handles);
        var bandage = zip.CreateEntry(prefix + ".layout", CompressionLevel.Fastest);
        bandage.LastWriteTime = stamp;
        using (var s = bandage.Open()) BandageLayoutWriter.Write(s, nodes);

        var readme = zip.CreateEntry("README.txt", CompressionLevel.Fastest);
        readme.LastWriteTime = stamp;
        using (var s = new StreamWriter(readme.Open(), new UTF8Encoding(false)) { NewLine = "\n" })
        {
            s.WriteLine($"Pangy export of chromosome {chr.Name} (dataset {chr.Dataset}).");
            s.WriteLine();
            s.WriteLine($"{prefix}.gfa     GFA 1.0 of the selection. Segment ids are renumbered 1..N in ascending order of the");
            s.WriteLine("                      original ids; each S line keeps its original id as an ON:i: tag.");
            s.WriteLine($"{prefix}.lay     odgi binary layout, two handles per segment in the GFA's segment order (odgi draw).");
            s.WriteLine($"{prefix}.layout  Bandage layout: one polyline per segment, keyed \"{{id}}+\".");
            s.WriteLine();
            s.WriteLine($"segments: {segments.Count}, taken from the viewer: {refinedCount}, placed from stored coordinates: {filled}.");
            s.WriteLine("Example: odgi build -g " + prefix + ".gfa -o x.og && odgi draw -i x.og -c " + prefix + ".lay -p x.png");
        }
    }

    /// <summary>A 2-D similarity (scale, rotation, translation): x' = a·x − b·y + dx, y' = b·x + a·y + dy.</summary>
    public readonly record struct Similarity(double A, double B, double Dx, double Dy)
    {
        public LayoutPoint Apply(LayoutPoint p) => new(A * p.X - B * p.Y + Dx, B * p.X + A * p.Y + Dy);

        /// <summary>Least-squares fit of <paramref name="target"/> ≈ T(<paramref name="source"/>); the identity below two pairs.</summary>
        public static Similarity Fit(IReadOnlyList<LayoutPoint> source, IReadOnlyList<LayoutPoint> target)
        {
            int n = Math.Min(source.Count, target.Count);
            if (n < 2) return new Similarity(1, 0, 0, 0);
            double sx = 0, sy = 0, tx = 0, ty = 0;
            for (int i = 0; i < n; i++) { sx += source[i].X; sy += source[i].Y; tx += target[i].X; ty += target[i].Y; }
            sx /= n; sy /= n; tx /= n; ty /= n;
            double cos = 0, sin = 0, denom = 0;
            for (int i = 0; i < n; i++)
            {
                double ax = source[i].X - sx, ay = source[i].Y - sy, bx = target[i].X - tx, by = target[i].Y - ty;
                cos += ax * bx + ay * by;
                sin += ax * by - ay * bx;
                denom += ax * ax + ay * ay;
            }
            if (denom == 0) return new Similarity(1, 0, tx - sx, ty - sy);
            double a = cos / denom, b = sin / denom;
            return new Similarity(a, b, tx - (a * sx - b * sy), ty - (b * sx + a * sy));
        }
    }
}
