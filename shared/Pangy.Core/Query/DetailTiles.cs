using System.Text.Json;

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
        var bypassSegs = new SortedSet<int>();
        var bypassLinks = new List<(int A, int B)>();
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
            bypassSegs.UnionWith(d.BypassSegIds);
            bypassLinks.AddRange(d.BypassGfaLinks);
            decomposed.UnionWith(d.DecomposedBubbles);
        }

        var graph = JunctionGraph.Find(chr, entries, decomposed);
        var nodes = graph.Nodes;
        var links = graph.Links;
        var segments = chr.Segments;

        if (bypassSegs.Count > 0)
        {
            var bypassCentroids = new Dictionary<int, (double, double)>();
            var existing = new HashSet<(double, double)>(nodes);
            foreach (int sid in bypassSegs)
            {
                if (!segments.IsValid(sid)) continue;
                var (x, y) = segments.Centroid(sid);
                var coord = (Round1(x), Round1(y));
                bypassCentroids[sid] = coord;
                if (existing.Add(coord)) nodes.Add(coord);
            }
            var endpointCoords = new Dictionary<int, (double, double)>();
            foreach (var e in entries)
            {
                if (e.First is not { } first || e.Last is not { } last) continue;
                if (e.StartSeg is { } ss) endpointCoords[ss] = first;
                if (e.EndSeg is { } es) endpointCoords[es] = last;
                foreach (int s in e.SourceSegs) endpointCoords.TryAdd(s, first);
                foreach (int s in e.SinkSegs) endpointCoords.TryAdd(s, last);
            }
            var seen = new HashSet<((double, double), (double, double))>();
            foreach (var l in links) { seen.Add((l.A, l.B)); seen.Add((l.B, l.A)); }
            void Add((double, double) ca, (double, double) cb, int a, int b)
            {
                if (!seen.Add((ca, cb))) return;
                seen.Add((cb, ca));
                links.Add(new JunctionLink(ca, cb, a, b));
            }
            foreach (var (a, b) in bypassLinks)
                if (bypassCentroids.TryGetValue(a, out var ca) && bypassCentroids.TryGetValue(b, out var cb)) Add(ca, cb, a, b);
            var linkIndex = chr.Links;
            foreach (int sid in bypassSegs)
            {
                if (!bypassCentroids.TryGetValue(sid, out var ca)) continue;
                foreach (uint l in linkIndex.LinksOf(sid))
                {
                    int nxt = (int)linkIndex.Other(l, sid);
                    if (bypassSegs.Contains(nxt)) continue;
                    if (endpointCoords.TryGetValue(nxt, out var cb)) Add(ca, cb, sid, nxt);
                }
            }
        }

        // Junction segments near the window (20 % margin), without chain endpoints, as a segment/link graph.
        var endpointSegs = new HashSet<int>();
        foreach (var e in entries) { endpointSegs.UnionWith(e.SourceSegs); endpointSegs.UnionWith(e.SinkSegs); }
        var junctionSegs = new SortedSet<int>(graph.NakedVisited);
        junctionSegs.UnionWith(bypassSegs);
        junctionSegs.ExceptWith(endpointSegs);
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

        return new TileResult(chr, start, end, entries, bubbles, nodes, links, rows, jgLinks);
    }

    internal static double Round1(double v) => Math.Round(v, 1, MidpointRounding.ToEven);

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

/// <summary>A junction link: two coordinates and the two segments it joins.</summary>
public readonly record struct JunctionLink((double X, double Y) A, (double X, double Y) B, int SegA, int SegB);

/// <summary>
/// The junction graph between polychain entries (§7.4, the reference's <c>find_junction_graph</c>): segments owned by
/// no bubble (or by a decomposed one) that connect the ends of at least two different chains, their centroids as
/// nodes, and the GFA edges among them and to chain ends as links. Computed once over connected "pieces" of naked
/// segments, with chain endpoints as cut points. Sets are walked in ascending id order, so the output is
/// deterministic (the reference's follows Python set order).
/// </summary>
public sealed class JunctionGraph
{
    public required List<(double X, double Y)> Nodes { get; init; }
    public required List<JunctionLink> Links { get; init; }
    public required HashSet<int> NakedVisited { get; init; }

    public static JunctionGraph Find(ChromosomeReader chr, IReadOnlyList<PolychainEntry> entries, IReadOnlySet<int> decomposed)
    {
        var links = chr.Links;
        var segments = chr.Segments;
        var index = chr.BubbleIndex;
        var store = chr.Bubbles;

        var endpointChain = new Dictionary<int, string>();
        var endpointOrder = new List<int>();
        var polylineCoord = new Dictionary<int, (double, double)>();
        foreach (var e in entries)
        {
            foreach (int s in e.SourceSegs) { if (!endpointChain.ContainsKey(s)) endpointOrder.Add(s); endpointChain[s] = e.Id; }
            foreach (int s in e.SinkSegs) { if (!endpointChain.ContainsKey(s)) endpointOrder.Add(s); endpointChain[s] = e.Id; }
            if (e.First is { } first && e.Last is { } last)
            {
                if (e.StartSeg is { } ss) polylineCoord[ss] = first;
                if (e.EndSeg is { } es) polylineCoord[es] = last;
            }
        }

        var suppress = new HashSet<(int, int)>();
        foreach (var e in entries)
        {
            if (e.BubbleIds.Length == 0) continue;
            if (store.Get(e.BubbleIds[0]) is { } firstB)
                foreach (int s in e.SourceSegs) foreach (int ins in firstB.Inside) suppress.Add(Pair(s, ins));
            if (store.Get(e.BubbleIds[^1]) is { } lastB)
                foreach (int s in e.SinkSegs) foreach (int ins in lastB.Inside) suppress.Add(Pair(s, ins));
        }

        bool IsNaked(int seg)
        {
            uint owner = index.OwnerOf(seg);
            return owner == 0 || decomposed.Contains((int)owner);
        }

        var nakedEndpoints = new HashSet<int>();
        foreach (int e in endpointOrder) if (IsNaked(e)) nakedEndpoints.Add(e);

        var pieceOf = new Dictionary<int, int>();
        var pieceChains = new List<HashSet<string>>();
        var borders = new Dictionary<int, HashSet<int>>();
        var directEdges = new HashSet<(int, int)>();
        var stack = new Stack<int>();

        void Border(int endpoint, int piece)
        {
            if (!borders.TryGetValue(endpoint, out var set)) borders[endpoint] = set = [];
            set.Add(piece);
        }

        int Grow(int startSeg)
        {
            int idx = pieceChains.Count;
            pieceChains.Add([]);
            pieceOf[startSeg] = idx;
            stack.Push(startSeg);
            while (stack.Count > 0)
            {
                int cur = stack.Pop();
                foreach (uint l in links.LinksOf(cur))
                {
                    int nxt = (int)links.Other(l, cur);
                    if (endpointChain.ContainsKey(nxt)) { Border(nxt, idx); continue; }
                    if (!IsNaked(nxt) || pieceOf.ContainsKey(nxt)) continue;
                    pieceOf[nxt] = idx;
                    stack.Push(nxt);
                }
            }
            return idx;
        }

        foreach (int e in endpointOrder)
        {
            foreach (uint l in links.LinksOf(e))
            {
                int nxt = (int)links.Other(l, e);
                if (endpointChain.ContainsKey(nxt))
                {
                    if (e != nxt) directEdges.Add(Pair(e, nxt));
                    continue;
                }
                if (!IsNaked(nxt)) continue;
                if (!pieceOf.TryGetValue(nxt, out int p)) p = Grow(nxt);
                Border(e, p);
            }
        }

        foreach (var (e, pieces) in borders)
            foreach (int p in pieces) pieceChains[p].Add(endpointChain[e]);

        var nakedVisited = new HashSet<int>();
        foreach (var (sid, p) in pieceOf) if (pieceChains[p].Count >= 2) nakedVisited.Add(sid);
        foreach (int e in nakedEndpoints)
        {
            string own = endpointChain[e];
            if (borders.TryGetValue(e, out var ps) && ps.Any(p => pieceChains[p].Any(c => c != own))) nakedVisited.Add(e);
        }
        foreach (var (a, b) in directEdges)
        {
            string ca = endpointChain[a], cb = endpointChain[b];
            if (nakedEndpoints.Contains(a) && cb != ca) nakedVisited.Add(a);
            if (nakedEndpoints.Contains(b) && ca != cb) nakedVisited.Add(b);
        }

        var reached = new HashSet<int>();
        foreach (var (e, pieces) in borders)
        {
            string ce = endpointChain[e];
            foreach (int p in pieces)
            {
                var here = pieceChains[p];
                if (here.Count > 0 && (here.Count > 1 || !here.Contains(ce))) { reached.Add(e); break; }
            }
        }
        foreach (int e in nakedEndpoints) if (nakedVisited.Contains(e)) reached.Add(e);
        foreach (var (a, b) in directEdges) { reached.Add(a); reached.Add(b); }

        var nodes = new List<(double, double)>();
        var nakedCentroids = new Dictionary<int, (double, double)>();
        var visitedOrdered = nakedVisited.Order().ToList();
        foreach (int sid in visitedOrdered)
        {
            if (!segments.IsValid(sid)) continue;
            var (x, y) = segments.Centroid(sid);
            var coord = (DetailTiles.Round1(x), DetailTiles.Round1(y));
            nakedCentroids[sid] = coord;
            if (!endpointChain.ContainsKey(sid)) nodes.Add(coord);
        }

        var endpointCentroids = new Dictionary<int, (double, double)>();
        var withCoords = new SortedSet<int>(reached);
        withCoords.UnionWith(endpointChain.Keys);
        foreach (int sid in withCoords)
        {
            if (polylineCoord.TryGetValue(sid, out var pt)) endpointCentroids[sid] = (DetailTiles.Round1(pt.Item1), DetailTiles.Round1(pt.Item2));
            else if (segments.IsValid(sid))
            {
                var (x, y) = segments.Centroid(sid);
                endpointCentroids[sid] = (DetailTiles.Round1(x), DetailTiles.Round1(y));
            }
        }

        bool TryCoord(int sid, out (double, double) c) => endpointCentroids.TryGetValue(sid, out c) || nakedCentroids.TryGetValue(sid, out c);

        var result = new List<JunctionLink>();
        var seen = new HashSet<(int, int)>();
        foreach (int sid in visitedOrdered)
        {
            if (!TryCoord(sid, out var a)) continue;
            foreach (uint l in links.LinksOf(sid))
            {
                int nxt = (int)links.Other(l, sid);
                if (!TryCoord(nxt, out var b)) continue;
                var key = Pair(sid, nxt);
                if (suppress.Contains(key) || !seen.Add(key)) continue;
                result.Add(new JunctionLink(a, b, sid, nxt));
            }
        }
        foreach (int sid in reached.Order())
        {
            if (!endpointCentroids.TryGetValue(sid, out var a)) continue;
            foreach (uint l in links.LinksOf(sid))
            {
                int nxt = (int)links.Other(l, sid);
                if (nxt == sid || !endpointCentroids.TryGetValue(nxt, out var b)) continue;
                if (endpointChain.GetValueOrDefault(sid) == endpointChain.GetValueOrDefault(nxt)) continue;
                var key = Pair(sid, nxt);
                if (suppress.Contains(key) || !seen.Add(key)) continue;
                result.Add(new JunctionLink(a, b, sid, nxt));
            }
        }
        return new JunctionGraph { Nodes = nodes, Links = result, NakedVisited = nakedVisited };
    }

    private static (int, int) Pair(int a, int b) => a <= b ? (a, b) : (b, a);
}
