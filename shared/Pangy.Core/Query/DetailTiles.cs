using System.Text.Json;
using Pangy.Core.Skeleton.Polychains;

namespace Pangy.Core.Query;

/// <summary>
/// /detail-tiles (§8.3): the polychain entries overlapping a layout x window, the junction graph that connects them,
/// the bypass segments of decomposed bubbles, and the junction segments near the window as a segment/link graph.
/// </summary>
public static class DetailTiles
{
    /// <summary>Answers one detail tile. <paramref name="expand"/> is accepted and ignored, as in the reference.</summary>
    public static IJsonResult Get(ChromosomeReader chr, string? genome, long start, long end, double ppbp,
        double? layoutMinX, double? layoutMaxX)
    {
        GraphQueries.RequireGenome(chr, genome);
        _ = ppbp;
        var polychains = chr.Polychains;
        if (polychains is null || layoutMinX is null || layoutMaxX is null)
            throw new NotFoundQueryException("detail-tiles requires polychain_index and layout_min_x/layout_max_x.");
        double minX = layoutMinX.Value, maxX = layoutMaxX.Value;

        var entries = new List<PolychainEntry>();
        var bubbles = new List<byte[]>();
        var bypassSegs = new List<int>();
        var bypassLinks = new List<(int From, int To)>();
        var decomposed = new HashSet<int>();
        foreach (long chain in polychains.ChainsInRange(minX, maxX))
        {
            var d = polychains.Decomposition(chain);
            if (d is null) continue;
            foreach (var e in d.Chains)
            {
                if (e.PlXMin is { } lo && e.PlXMax is { } hi && (hi < minX || lo > maxX)) continue;
                entries.Add(e);
            }
            if (entries.Count > chr.Limits.MaxTileChains)
                throw new TooLargeQueryException($"Tile holds more than {chr.Limits.MaxTileChains} chains; narrow the layout window.",
                    [new("limit", chr.Limits.MaxTileChains)]);
            bubbles.AddRange(d.Bubbles);
            bypassSegs.AddRange(d.BypassSegIds);
            bypassLinks.AddRange(d.BypassGfaLinks);
            decomposed.UnionWith(d.DecomposedBubbles);
        }

        // The junction graph of §7.4 over the tile's entries, as the skeleton stage builds it over all of them.
        var segments = chr.Segments;
        int capacity = (int)segments.Capacity;
        var summaries = new List<EntrySummary>(entries.Count);
        var suppressed = new List<long>();
        foreach (var e in entries)
        {
            summaries.Add(e.Summary);
            if (e.BubbleIds.Length == 0) continue;
            if (chr.Bubbles.Get(e.BubbleIds[0]) is { } first) JunctionGraph.AddSuppressed(suppressed, e.SourceSegs, first.Inside);
            if (chr.Bubbles.Get(e.BubbleIds[^1]) is { } last) JunctionGraph.AddSuppressed(suppressed, e.SinkSegs, last.Inside);
        }
        var graph = new JunctionGraph(new ReadModelSource(chr, decomposed), summaries, new SortedPairs(suppressed), SegmentStorage.Sparse);
        var bypass = new BypassSegments(bypassSegs, SegmentStorage.Sparse, capacity);
        graph.MergeBypasses(summaries, bypass, bypassLinks);

        // Junction segments near the window (20 % margin), without chain endpoints, as a segment/link graph.
        var junctionSegs = new SortedSet<int>();
        foreach (int sid in graph.NakedVisited.InOrder()) if (!graph.IsEndpoint(sid)) junctionSegs.Add(sid);
        foreach (int sid in bypass.Ids) if (!graph.IsEndpoint(sid)) junctionSegs.Add(sid);
        double buffer = (maxX - minX) * 0.2;
        double vpMin = minX - buffer, vpMax = maxX + buffer;
        var x1 = segments.X1s;
        var x2 = segments.X2s;
        var kept = new List<int>();
        foreach (int sid in junctionSegs)
            if (sid < x1.Length && x2[sid] >= vpMin && x1[sid] <= vpMax && segments.IsValid(sid)) kept.Add(sid);
        var rows = chr.SegmentRows(kept);
        var jgLinks = new List<uint>();
        var seenLinks = new HashSet<uint>();
        foreach (int sid in kept)
            foreach (uint l in chr.Links.LinksOf(sid))
                if (seenLinks.Add(l)) jgLinks.Add(l);

        return new TileResult(chr, start, end, entries, bubbles, graph.Nodes, graph.Links, rows, jgLinks);
    }

    /// <summary>The junction graph's view of the read model, for one tile: the decomposed bubbles are the tile's.</summary>
    private sealed class ReadModelSource(ChromosomeReader chr, HashSet<int> decomposed) : IJunctionGraphSource
    {
        private readonly SegmentIndex _segments = chr.Segments;
        private readonly LinkIndex _links = chr.Links;
        private readonly BubbleIndex _bubbles = chr.BubbleIndex;

        public int SegmentCapacity => (int)_segments.Capacity;
        public bool IsValid(int segment) => _segments.IsValid(segment);
        public (double X, double Y) Centroid(int segment) => _segments.Centroid(segment);

        public void NeighboursOf(int segment, List<int> into)
        {
            into.Clear();
            foreach (uint l in _links.LinksOf(segment)) into.Add((int)_links.Other(l, segment));
        }

        public bool IsNaked(int segment)
        {
            uint owner = _bubbles.OwnerOf(segment);
            return owner == 0 || decomposed.Contains((int)owner);
        }
    }

    private sealed class TileResult(ChromosomeReader chr, long start, long end, List<PolychainEntry> chains, List<byte[]> bubbles,
        List<(double X, double Y)> nodes, List<JunctionLink> links, List<SegmentRow> segments, List<uint> segmentLinks) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteNumber("tile_start", start);
            w.WriteNumber("tile_end", end);
            w.WriteStartArray("chains");
            foreach (var c in chains) w.WriteRawValue(c.TileJson, skipInputValidation: true);
            w.WriteEndArray();
            w.WriteStartArray("bubbles");
            foreach (var b in bubbles) w.WriteRawValue(b, skipInputValidation: true);
            w.WriteEndArray();
            w.WriteStartArray("junction_nodes");
            foreach (var (x, y) in nodes) WritePoint(w, x, y);
            w.WriteEndArray();
            w.WriteStartArray("junction_links");
            foreach (var l in links)
            {
                w.WriteStartArray();
                WritePoint(w, l.A.X, l.A.Y);
                WritePoint(w, l.B.X, l.B.Y);
                w.WriteNumberValue(l.SegA);
                w.WriteNumberValue(l.SegB);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartObject("junction_graph");
            w.WriteStartArray("nodes");
            if (segments.Count > 0)
            {
                var steps = chr.Steps;
                foreach (var s in segments) GraphJson.WriteSegment(w, s, steps, withSequence: false);
            }
            w.WriteEndArray();
            w.WriteStartArray("links");
            var index = chr.Links;
            foreach (uint l in segmentLinks) GraphJson.WriteLink(w, LinkView.Of(index, l, 0));
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void WritePoint(Utf8JsonWriter w, double x, double y)
        {
            w.WriteStartArray();
            w.WriteNumberValue(x);
            w.WriteNumberValue(y);
            w.WriteEndArray();
        }
    }
}
