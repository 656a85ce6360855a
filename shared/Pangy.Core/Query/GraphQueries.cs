using System.Globalization;
using System.Text.Json;
using Pangy.Core.Formats.Compression;

namespace Pangy.Core.Query;

/// <summary>The graph queries of §8.3: /select, /pop, /chain-graph, /bubble-meta.</summary>
public static class GraphQueries
{
    /// <summary>
    /// Checks that <paramref name="genome"/> is the chromosome's reference (the reference answers 404 otherwise); an empty
    /// genome means the chromosome's own reference.
    /// </summary>
    public static void RequireGenome(ChromosomeReader chr, string? genome)
    {
        if (!string.IsNullOrEmpty(genome) && !string.Equals(genome, chr.Reference, StringComparison.Ordinal))
            throw new NotFoundQueryException($"Genome '{QueryDatastore.Printable(genome)}' or chromosome '{chr.Name}' not found in indexes.");
    }

    /// <summary>
    /// The top-level bubbles of a step range (§8.3): each index entry in the scan whose bubble has a range inside
    /// [minStep, maxStep] is kept, otherwise its children are tried, recursively. A bubble listed twice (two ranges)
    /// is kept once.
    /// </summary>
    public static List<BubbleRecord> TopLevelBubbles(ChromosomeReader chr, long minStep, long maxStep)
    {
        var index = chr.BubbleIndex;
        var store = chr.Bubbles;
        var (from, to) = index.EntriesFor(minStep, maxStep);
        CheckRegionEntries(chr, from, to);
        var ids = index.RangeIds;
        store.Preload(ids[from..to]);
        var result = new List<BubbleRecord>();
        var stamps = chr.Stamps;
        var sets = stamps.Rent();
        try
        {
            var seen = sets.Bubbles;
            var stack = new Stack<int>();
            for (int i = from; i < to; i++)
            {
                stack.Push((int)ids[i]);
                while (stack.Count > 0)
                {
                    var b = store.Get(stack.Pop());
                    if (b is null) continue;
                    if (b.IsContained(minStep, maxStep))
                    {
                        if (seen.Add(b.Id)) result.Add(b);
                        continue;
                    }
                    for (int c = b.Children.Length - 1; c >= 0; c--) stack.Push(b.Children[c]);
                }
            }
        }
        finally
        {
            stamps.Return(sets);
        }
        return result;
    }

    /// <summary>Every segment of <paramref name="bubble"/> and its descendants: ends and inside, recursively.</summary>
    public static HashSet<int> DescendantSegments(BubbleStore store, BubbleRecord bubble, HashSet<int>? into = null, int limit = int.MaxValue)
    {
        var result = into ?? [];
        var stack = new Stack<BubbleRecord>();
        stack.Push(bubble);
        while (stack.Count > 0)
        {
            var b = stack.Pop();
            foreach (int s in b.Source) result.Add(s);
            foreach (int s in b.Sink) result.Add(s);
            foreach (int s in b.Inside) result.Add(s);
            if (result.Count > limit) return result;
            foreach (int c in b.Children)
                if (store.Get(c) is { } child) stack.Push(child);
        }
        return result;
    }

    /// <summary>The 413 of a step range whose scan would cover too many index entries.</summary>
    internal static void CheckRegionEntries(ChromosomeReader chr, int from, int to)
    {
        if (to - from > chr.Limits.MaxRegionIndexEntries)
            throw new TooLargeQueryException(
                $"Region covers {to - from} top-level bubbles (limit {chr.Limits.MaxRegionIndexEntries}); zoom in to a smaller region.",
                [new("bubble_count", to - from), new("limit", chr.Limits.MaxRegionIndexEntries)]);
    }

    /// <summary>/select's 413: the kept bubbles hold too many segments (the reference's MAX_REGION_SEGMENTS).</summary>
    internal static void CheckSelectSegments(ChromosomeReader chr, long segCount)
    {
        if (segCount > chr.Limits.MaxSelectSegments)
            throw new TooLargeQueryException(
                $"Region resolves to {segCount} segments (limit {chr.Limits.MaxSelectSegments}); zoom in to a smaller or less variable region.",
                [new("seg_count", segCount), new("limit", chr.Limits.MaxSelectSegments)]);
    }

    /// <summary>
    /// /select compressed: the same answer as <see cref="Select"/> as a zlib stream (Content-Encoding: deflate) assembled
    /// mostly from cached compressed fragments (<see cref="SelectFragments"/>). The nodes are the same in the same order;
    /// the links are the same set, listed in another order.
    /// </summary>
    public static ZlibAnswer SelectDeflated(ChromosomeReader chr, string? genome, long start, long end) =>
        TrySelectDeflated(chr, genome, start, end, wait: true)!;

    /// <summary>
    /// As <see cref="SelectDeflated"/>, but null instead of waiting when the chromosome's fragments are not ready yet (its
    /// first compressed request starts preparing them in the background; see <see cref="SelectFragments.IsReady"/>).
    /// </summary>
    public static ZlibAnswer? TrySelectDeflated(ChromosomeReader chr, string? genome, long start, long end, bool wait = false)
    {
        RequireGenome(chr, genome);
        var (s0, s1) = chr.Steps.StepRange(start, end);
        _ = chr.Bubbles; // 404 before anything is built when the bubble stage has not run
        var fragments = chr.SelectFragments;
        if (!wait && !fragments.IsReady) return null;
        return fragments.Answer(s0, s1);
    }

    /// <summary>/select: the top-level bubbles of a bp window and every link touching their ends.</summary>
    public static IJsonResult Select(ChromosomeReader chr, string? genome, long start, long end)
    {
        RequireGenome(chr, genome);
        var (s0, s1) = chr.Steps.StepRange(start, end);
        return SelectSteps(chr, s0, s1);
    }

    /// <summary>/select's answer for the step range [<paramref name="minStep"/>, <paramref name="maxStep"/>].</summary>
    public static IJsonResult SelectSteps(ChromosomeReader chr, long minStep, long maxStep)
    {
        long s0 = minStep, s1 = maxStep;
        var bubbles = TopLevelBubbles(chr, s0, s1);
        long segCount = 0;
        foreach (var b in bubbles) segCount += b.OwnSegmentCount;
        CheckSelectSegments(chr, segCount);
        var links = chr.Links;
        var linkIds = new List<uint>(bubbles.Count * 6);
        var stamps = chr.Stamps;
        var sets = stamps.Rent();
        try
        {
            foreach (var b in bubbles)
            {
                AddLinks(links, b.Source, sets.Segments, sets.Links, linkIds);
                AddLinks(links, b.Sink, sets.Segments, sets.Links, linkIds);
            }
        }
        finally
        {
            stamps.Return(sets);
        }
        return new SelectResult(chr, bubbles, linkIds);
    }

    private static void AddLinks(LinkIndex links, int[] segs, StampSet seenSegs, StampSet seenLinks, List<uint> linkIds)
    {
        foreach (int s in segs)
        {
            if (!seenSegs.Add(s)) continue;
            foreach (uint l in links.LinksOf(s))
                if (seenLinks.Add(l)) linkIds.Add(l);
        }
    }

    private sealed class SelectResult(ChromosomeReader chr, List<BubbleRecord> bubbles, List<uint> links) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteStartArray("nodes");
            foreach (var b in bubbles) GraphJson.WriteBubble(w, b);
            w.WriteEndArray();
            w.WriteStartArray("links");
            var index = chr.Links;
            foreach (uint l in links) GraphJson.WriteLink(w, LinkView.Of(index, l, index.Frequency(l)));
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    /// <summary>
    /// /pop: a bubble's ends plus every segment of it and its descendants, and every link touching them. A segment id
    /// (<c>s…</c>) pops to nothing, as in the reference.
    /// </summary>
    public static IJsonResult Pop(ChromosomeReader chr, string? genome, string? id)
    {
        RequireGenome(chr, genome);
        if (string.IsNullOrEmpty(id)) throw new BadQueryException("missing parameter: id");
        if (id[0] == 's') return new PopResult(chr, [], [], [], []);
        int bubbleId = ParseId(id, 'b', "bubble");
        var store = chr.Bubbles;
        var bubble = store.Require(bubbleId);
        int limit = chr.Limits.MaxSubgraphSegments;
        var segs = DescendantSegments(store, bubble, limit: limit);
        if (segs.Count > limit)
            throw new TooLargeQueryException($"Bubble b{bubbleId} holds more than {limit} segments.", [new("limit", limit)]);
        var ordered = segs.Order().ToList();
        var rows = chr.SegmentRows(ordered);
        var links = chr.Links;
        var linkIds = new List<uint>();
        var seen = new HashSet<uint>();
        foreach (int s in ordered)
            foreach (uint l in links.LinksOf(s))
                if (seen.Add(l)) linkIds.Add(l);
        return new PopResult(chr, bubble.Source, bubble.Sink, rows, linkIds);
    }

    private sealed class PopResult(ChromosomeReader chr, int[] source, int[] sink, List<SegmentRow> nodes, List<uint> links) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WritePropertyName("source_segs");
            GraphJson.WriteInts(w, source);
            w.WritePropertyName("sink_segs");
            GraphJson.WriteInts(w, sink);
            w.WriteStartArray("nodes");
            if (nodes.Count > 0)
            {
                var steps = chr.Steps;
                foreach (var s in nodes) GraphJson.WriteSegment(w, s, steps);
            }
            w.WriteEndArray();
            w.WriteStartArray("links");
            if (links.Count > 0)
            {
                var index = chr.Links;
                foreach (uint l in links) GraphJson.WriteLink(w, LinkView.Of(index, l, index.Frequency(l)));
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    /// <summary>/chain-graph for a chain id (<c>c42</c>), optionally limited to a chain_step range.</summary>
    public static IJsonResult ChainGraph(ChromosomeReader chr, string? genome, string? id, long? startPos, long? endPos)
    {
        RequireGenome(chr, genome);
        if (string.IsNullOrEmpty(id)) throw new BadQueryException("missing parameter: id");
        var (chain, range) = ParseChainId(id);
        if (startPos is not null && endPos is not null) range = (startPos.Value, endPos.Value);
        var store = chr.Bubbles;
        List<int> ids;
        if (range is var (a, b)) ids = store.ChainBubbleIds(chain, a, b);
        else ids = store.ChainBubbleIds(chain);
        if (ids.Count == 0 && store.ChainEnds(chain) is null) throw new NotFoundQueryException($"chain c{chain} not found");
        return BubblesToSubgraph(chr, ids.Select(store.Require).ToList());
    }

    /// <summary>/chain-graph for a connector (an id with <c>_r</c>): the listed bubbles.</summary>
    public static IJsonResult BubblesSubgraph(ChromosomeReader chr, string? genome, string? bubbles)
    {
        RequireGenome(chr, genome);
        if (string.IsNullOrEmpty(bubbles)) throw new BadQueryException("Connector chains require &bubbles= parameter");
        var parts = bubbles.Split(',');
        if (parts.Length > chr.Limits.MaxConnectorBubbles)
            throw new TooLargeQueryException($"{parts.Length} bubbles requested (limit {chr.Limits.MaxConnectorBubbles}).",
                [new("bubble_count", parts.Length), new("limit", chr.Limits.MaxConnectorBubbles)]);
        var ids = new List<int>(parts.Length);
        foreach (var p in parts)
        {
            if (!int.TryParse(p.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)) throw new BadQueryException("Invalid bubble IDs");
            ids.Add(v);
        }
        var store = chr.Bubbles;
        return BubblesToSubgraph(chr, ids.Select(store.Require).ToList());
    }

    /// <summary>
    /// The reference's <c>_bubbles_to_subgraph</c> (§8.3): leaf bubbles stay bubble nodes; a bubble with children is popped
    /// one level (its children become bubble nodes, its own remaining segments segment nodes). Links between the
    /// subgraph's segments come from the link arrays (frequency 0); an end hidden in a bubble node is redirected to it,
    /// links inside one bubble are dropped, and the rest are deduplicated by id.
    /// </summary>
    public static IJsonResult BubblesToSubgraph(ChromosomeReader chr, List<BubbleRecord> bubbles)
    {
        var store = chr.Bubbles;
        var segToBubble = new Dictionary<int, int>();
        var bubbleNodes = new List<BubbleRecord>();
        var visible = new HashSet<int>();
        var all = new HashSet<int>();
        foreach (var b in bubbles)
        {
            var own = OwnSegments(b);
            all.UnionWith(own);
            if (b.Children.Length == 0)
            {
                bubbleNodes.Add(b);
                foreach (int s in own) segToBubble[s] = b.Id;
            }
            else
            {
                var childSegs = new HashSet<int>();
                foreach (int cid in b.Children)
                {
                    var child = store.Require(cid);
                    bubbleNodes.Add(child);
                    foreach (int s in OwnSegments(child)) { segToBubble[s] = child.Id; childSegs.Add(s); }
                }
                all.UnionWith(childSegs);
                foreach (int s in own) if (!childSegs.Contains(s)) visible.Add(s);
            }
            if (all.Count > chr.Limits.MaxSubgraphSegments)
                throw new TooLargeQueryException($"Subgraph holds more than {chr.Limits.MaxSubgraphSegments} segments.", [new("limit", chr.Limits.MaxSubgraphSegments)]);
        }
        var links = chr.Links;
        var result = new List<LinkView>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var seenLinks = new HashSet<uint>();
        foreach (int s in all.Order())
        {
            foreach (uint l in links.LinksOf(s))
            {
                if (!seenLinks.Add(l)) continue;
                int from = (int)links.From(l), to = (int)links.To(l);
                if (!all.Contains(from) || !all.Contains(to)) continue;
                bool fb = segToBubble.TryGetValue(from, out int fromBubble);
                bool tb = segToBubble.TryGetValue(to, out int toBubble);
                if (fb && tb && fromBubble == toBubble) continue;
                var view = new LinkView(fb ? 'b' : 's', fb ? fromBubble : from, links.FromStrand(l), tb ? 'b' : 's', tb ? toBubble : to, links.ToStrand(l), 0);
                if (seenIds.Add(view.Id)) result.Add(view);
            }
        }
        var rows = chr.SegmentRows(visible.Order());
        return new SubgraphResult(chr, bubbleNodes, rows, result);
    }

    private static HashSet<int> OwnSegments(BubbleRecord b)
    {
        var set = new HashSet<int>(b.Inside);
        set.UnionWith(b.Source);
        set.UnionWith(b.Sink);
        return set;
    }

    private sealed class SubgraphResult(ChromosomeReader chr, List<BubbleRecord> bubbles, List<SegmentRow> segments, List<LinkView> links) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteStartArray("nodes");
            foreach (var b in bubbles) GraphJson.WriteBubble(w, b);
            if (segments.Count > 0)
            {
                var steps = chr.Steps;
                foreach (var s in segments) GraphJson.WriteSegment(w, s, steps);
            }
            w.WriteEndArray();
            w.WriteStartArray("links");
            foreach (var l in links) GraphJson.WriteLink(w, l);
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    /// <summary>
    /// /bubble-meta for one chain id (<c>c42</c>, or a connector <c>c42:5-10</c> = chain steps 5–10): per bubble its id,
    /// position t along the chain (idx/(n-1), 0.5 when alone, 4 decimals), sizes, subtype, bp span and ends.
    /// </summary>
    public static List<BubbleMeta> BubbleMetas(ChromosomeReader chr, string chainId, int budget)
    {
        var (chain, range) = ParseChainId(chainId);
        var store = chr.Bubbles;
        List<int> ids;
        if (range is var (a, b)) ids = store.ChainBubbleIds(chain, a, b);
        else if (store.ChainEnds(chain) is var (first, last)) ids = store.ChainBubbleIds(chain, first, last);
        else throw new NotFoundQueryException($"chain c{chain} not found");
        if (ids.Count > budget)
            throw new TooLargeQueryException($"chain c{chain} lists {ids.Count} bubbles (limit {budget}).", [new("bubble_count", ids.Count), new("limit", budget)]);
        var starts = chr.Steps.Starts;
        var ends = chr.Steps.Ends;
        int n = ids.Count;
        var result = new List<BubbleMeta>(n);
        for (int i = 0; i < n; i++)
        {
            var bubble = store.Require(ids[i]);
            double t = n > 1 ? Math.Round((double)i / (n - 1), 4, MidpointRounding.ToEven) : 0.5;
            long? bpStart = null, bpEnd = null;
            var r = bubble.RangeInclusive;
            for (int k = 0; k + 1 < r.Length; k += 2)
            {
                if (r[k] < starts.Length && (bpStart is null || starts[r[k]] < bpStart)) bpStart = starts[r[k]];
                if (r[k + 1] < ends.Length && (bpEnd is null || ends[r[k + 1]] > bpEnd)) bpEnd = ends[r[k + 1]];
            }
            result.Add(new BubbleMeta(bubble, t, bpStart, bpEnd));
        }
        return result;
    }

    /// <summary>/bubble-meta's answer: <c>{"bubbles": [...]}</c>.</summary>
    public static IJsonResult BubbleMeta(ChromosomeReader chr, string chainId) =>
        new BubbleMetaResult(BubbleMetas(chr, chainId, chr.Limits.MaxBubbleMetaBubbles));

    /// <summary>/bubble-meta-batch: <c>{chain_id: [meta…]}</c>; a chain that fails gives <c>[]</c>.</summary>
    public static IJsonResult BubbleMetaBatch(ChromosomeReader chr, IReadOnlyList<string> chainIds)
    {
        if (chainIds.Count > chr.Limits.MaxBatchChains)
            throw new TooLargeQueryException($"{chainIds.Count} chain ids requested (limit {chr.Limits.MaxBatchChains}).",
                [new("chain_count", chainIds.Count), new("limit", chr.Limits.MaxBatchChains)]);
        var result = new List<KeyValuePair<string, List<BubbleMeta>>>();
        int budget = chr.Limits.MaxBubbleMetaBubbles;
        foreach (var id in chainIds)
        {
            List<BubbleMeta> metas;
            try { metas = BubbleMetas(chr, id, budget); }
            catch (NotFoundQueryException) { metas = []; }
            catch (BadQueryException) { metas = []; }
            budget -= metas.Count;
            result.Add(new(id, metas));
        }
        return new BubbleMetaBatchResult(result);
    }

    private sealed class BubbleMetaResult(List<BubbleMeta> metas) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteStartArray("bubbles");
            foreach (var m in metas) m.WriteTo(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    private sealed class BubbleMetaBatchResult(List<KeyValuePair<string, List<BubbleMeta>>> metas) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            foreach (var (id, list) in metas)
            {
                w.WriteStartArray(id);
                foreach (var m in list) m.WriteTo(w);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
    }

    /// <summary>Parses <c>c42</c> or <c>c42:5-10</c>; anything else is a <see cref="BadQueryException"/>.</summary>
    public static (int Chain, (long, long)? Range) ParseChainId(string id)
    {
        var s = id.AsSpan().TrimStart('c');
        (long, long)? range = null;
        int colon = s.IndexOf(':');
        if (colon >= 0)
        {
            var r = s[(colon + 1)..];
            int dash = r.IndexOf('-');
            if (dash <= 0 || !long.TryParse(r[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out long a)
                || !long.TryParse(r[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long b))
                throw new BadQueryException($"invalid chain id '{QueryDatastore.Printable(id)}'");
            range = (a, b);
            s = s[..colon];
        }
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int chain))
            throw new BadQueryException($"invalid chain id '{QueryDatastore.Printable(id)}'");
        return (chain, range);
    }

    /// <summary>Parses an id with a type prefix (<c>b12</c>); a bare number is accepted too.</summary>
    public static int ParseId(string id, char prefix, string what)
    {
        var s = id.AsSpan();
        if (s.Length > 0 && s[0] == prefix) s = s[1..];
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v))
            throw new BadQueryException($"invalid {what} id '{QueryDatastore.Printable(id)}'");
        return v;
    }
}
