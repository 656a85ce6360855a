using System.Text;
using System.Text.Json;
using Pangy.Core.Datastore;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Skeleton;

/// <summary>The values of a chromosome's graph <c>meta.json</c> (§7.6).</summary>
internal sealed record GraphMeta(
    string Chromosome,
    int TotalSegments,
    int TotalLinks,
    int SampleCount,
    (double MinX, double MaxX, double MinY, double MaxY)? LayoutBbox,
    double? MedianLinkDistance,
    int? TotalBubbles,
    int? MaxBubbleDepth,
    (long Start, long End)? BpRange);

/// <summary>
/// Graph metadata (§7.6) written as Python's <c>json.dump(meta, indent=2)</c>: counts, the layout bounding box and
/// the median centroid-to-centroid link distance (both in float32, as the reference computes them from the float32
/// arrays, then rounded to 2 decimals), bubble totals and the reference bp range.
/// </summary>
internal static class GraphMetaWriter
{
    /// <summary>The bubble values of the metadata: the number of bubbles and the deepest chain (null without bubbles).</summary>
    public static (int? Total, int? MaxDepth) BubbleTotals(BubbleTable bubbles)
    {
        if (bubbles.Count == 0) return (null, null);
        int total = 0, depth = 0;
        for (int c = 1; c <= bubbles.MaxChain; c++)
        {
            int n = bubbles.ChainSize(c);
            if (n == 0) continue;
            total += n;
            depth = Math.Max(depth, bubbles.ChainDepth[c]);
        }
        return (total, depth);
    }

    // The loops below look at the token once per 64 Ki segments or links.
    private const int CancelCheckMask = (1 << 16) - 1;

    public static GraphMeta Compute(SkeletonGraph graph, (int? Total, int? MaxDepth) bubbleTotals, string chromosome, string chromosomeDir,
        CancellationToken cancellationToken = default)
    {
        var valid = graph.Valid;
        var x1 = graph.X1; var x2 = graph.X2; var y1 = graph.Y1; var y2 = graph.Y2;

        (double, double, double, double)? bbox = null;
        float minX = float.PositiveInfinity, maxX = float.NegativeInfinity, minY = float.PositiveInfinity, maxY = float.NegativeInfinity;
        bool any = false;
        for (int s = 0; s < valid.Length; s++)
        {
            if ((s & CancelCheckMask) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (valid[s] == 0) continue;
            any = true;
            minX = Math.Min(minX, Math.Min(x1[s], x2[s])); maxX = Math.Max(maxX, Math.Max(x1[s], x2[s]));
            minY = Math.Min(minY, Math.Min(y1[s], y2[s])); maxY = Math.Max(maxY, Math.Max(y1[s], y2[s]));
        }
        if (any) bbox = (PythonRound.Round(minX, 2), PythonRound.Round(maxX, 2), PythonRound.Round(minY, 2), PythonRound.Round(maxY, 2));

        double? median = MedianLinkDistance(graph, cancellationToken);

        var (total, depth) = bubbleTotals;

        (long, long)? bp = graph.StepStarts.Length > 0 ? (graph.StepStarts[0], graph.StepEnds[^1]) : null;
        return new GraphMeta(chromosome, graph.SegmentCount, graph.LinkCount, SampleCount(chromosomeDir), bbox, median, total, depth, bp);
    }

    /// <summary>The median of the non-zero distances between the centroids of linked valid segments, all in float32.</summary>
    private static double? MedianLinkDistance(SkeletonGraph graph, CancellationToken cancellationToken)
    {
        var from = graph.LinkFrom; var to = graph.LinkTo;
        var x1 = graph.X1; var x2 = graph.X2; var y1 = graph.Y1; var y2 = graph.Y2;
        var d = new float[from.Length];
        int n = 0;
        for (int i = 0; i < from.Length; i++)
        {
            if ((i & CancelCheckMask) == 0) cancellationToken.ThrowIfCancellationRequested();
            int s = (int)from[i], t = (int)to[i];
            if (!graph.IsValid(s) || !graph.IsValid(t)) continue;
            float dx = (x1[s] + x2[s]) * 0.5f - (x1[t] + x2[t]) * 0.5f;
            float dy = (y1[s] + y2[s]) * 0.5f - (y1[t] + y2[t]) * 0.5f;
            float dist = (float)Math.Sqrt((double)dx * dx + (double)dy * dy);
            if (dist > 0) d[n++] = dist;
        }
        if (n == 0) return null;
        // Selection, not a sort of all 1.8 M (chr22) distances; the same value, the two middles' mean for an even count.
        return PythonRound.Round(FloatMedian.Of(d.AsSpan(0, n)), 2);
    }

    /// <summary>Number of samples: the entries of <c>paths/sample_idx.json</c>.</summary>
    private static int SampleCount(string chromosomeDir)
    {
        string path = new ChromosomeLayout(chromosomeDir).SampleIndexFile;
        if (!File.Exists(path)) throw new BadInputException(path, null, "missing from the chromosome directory (the chromosome build writes it)");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new BadInputException(path, null, "not a JSON object");
            return doc.RootElement.EnumerateObject().Count();
        }
        catch (JsonException e)
        {
            throw new BadInputException(path, null, $"not valid JSON ({e.Message})");
        }
    }

    /// <summary>The file's text: <c>json.dump(meta, f, indent=2)</c>, no trailing newline.</summary>
    public static string Format(GraphMeta m)
    {
        var sb = new StringBuilder();
        var j = new PyJson(compact: false, sb);
        void Key(string k, bool first = false) { if (!first) sb.Append(','); sb.Append("\n  "); j.Key(k); }
        sb.Append('{');
        Key("chromosome", first: true); j.String(m.Chromosome);
        Key("total_segments"); j.Int(m.TotalSegments);
        Key("total_links"); j.Int(m.TotalLinks);
        Key("sample_count"); j.Int(m.SampleCount);
        if (m.LayoutBbox is { } b)
        {
            Key("layout_bbox");
            sb.Append("{\n    "); j.Key("min_x").Float(b.MinX);
            sb.Append(",\n    "); j.Key("max_x").Float(b.MaxX);
            sb.Append(",\n    "); j.Key("min_y").Float(b.MinY);
            sb.Append(",\n    "); j.Key("max_y").Float(b.MaxY);
            sb.Append("\n  }");
        }
        if (m.MedianLinkDistance is { } d) { Key("median_link_distance"); j.Float(d); }
        if (m.TotalBubbles is { } tb) { Key("total_bubbles"); j.Int(tb); }
        if (m.MaxBubbleDepth is { } md) { Key("max_bubble_depth"); j.Int(md); }
        if (m.BpRange is { } r)
        {
            Key("bp_range");
            sb.Append("{\n    "); j.Key("start").Int(r.Start);
            sb.Append(",\n    "); j.Key("end").Int(r.End);
            sb.Append("\n  }");
        }
        sb.Append("\n}");
        return sb.ToString();
    }

    public static void Write(GraphMeta meta, string path) => File.WriteAllText(path, Format(meta), new UTF8Encoding(false));
}
