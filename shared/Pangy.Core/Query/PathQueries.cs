using System.Text.Json;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.PathIndex;

namespace Pangy.Core.Query;

/// <summary>The path queries: /samples, /pathorder, /path-meta and region /path-data (§8.2, §8.3).</summary>
public static class PathQueries
{
    /// <summary>/samples and friends: sample names in <c>index.json</c> order.</summary>
    public static IJsonResult Samples(ChromosomeReader chr) => new StringList(chr.Paths.Samples.ToList());

    /// <summary>/pathorder: the <c>sample_idx</c> map.</summary>
    public static IJsonResult PathOrder(ChromosomeReader chr, string? genome)
    {
        GraphQueries.RequireGenome(chr, genome);
        return new SampleIndexResult(chr.Paths.SampleIndex);
    }

    /// <summary>
    /// /path-meta: a sample's <c>index.json</c> entries with their reference bp span; an unknown sample gives an empty list
    /// (as the reference does).
    /// </summary>
    public static IJsonResult PathMeta(ChromosomeReader chr, string? sample)
    {
        if (sample is null) throw new BadQueryException("missing parameter: sample");
        var entries = chr.Paths.EntriesOf(sample);
        if (entries is null)
        {
            CheckSampleName(sample);
            return new PathMetaResult([], []);
        }
        var spans = new List<(long, long)?>();
        for (int i = 0; i < entries.Count; i++) spans.Add(chr.Paths.BpRange(sample, i));
        return new PathMetaResult(entries, spans);
    }

    /// <summary>
    /// A sample name that is not held: one that looks like a path (separators, <c>..</c>, control characters) is a
    /// <see cref="BadQueryException"/>; the caller answers "not found" for the rest.
    /// </summary>
    public static void CheckSampleName(string sample)
    {
        if (sample.Length == 0 || sample.Length > 512 || sample.Contains("..", StringComparison.Ordinal)
            || sample.IndexOfAny(['/', '\\']) >= 0 || sample.Any(char.IsControl))
            throw new BadQueryException($"invalid sample name '{QueryDatastore.Printable(sample)}'");
    }

    /// <summary>The stored <c>.binpath</c> of subpath <paramref name="index"/> of <paramref name="sample"/> (streamed as is).</summary>
    public static string WholePathFile(ChromosomeReader chr, string? sample, int index)
    {
        var entry = RequireEntry(chr, sample, index);
        string file = chr.Paths.BinPathFile(entry);
        if (!File.Exists(file)) throw new NotFoundQueryException("Path file not found");
        return file;
    }

    private static PathIndexEntry RequireEntry(ChromosomeReader chr, string? sample, int index)
    {
        if (string.IsNullOrEmpty(sample)) throw new BadQueryException("missing parameter: sample");
        if (!chr.Paths.HasSample(sample))
        {
            CheckSampleName(sample);
            throw new NotFoundQueryException($"sample '{QueryDatastore.Printable(sample)}' not found");
        }
        return chr.Paths.Require(sample, index);
    }

    /// <summary>
    /// The segments a bp window spans (the reference's <c>region_segment_ids</c>): the reference steps' segments in the
    /// step range, and every segment of each top-level bubble in that range with its descendants and ends.
    /// </summary>
    public static SegmentSet RegionSegments(ChromosomeReader chr, long start, long end)
    {
        var (s0, s1) = chr.Steps.StepRange(start, end);
        var ids = new HashSet<int>();
        var segs = chr.Steps.Segments;
        for (int i = s0; i <= s1; i++) ids.Add((int)segs[i]);
        if (chr.HasBubbles)
        {
            var store = chr.Bubbles;
            int limit = chr.Limits.MaxRegionSegments;
            foreach (var b in GraphQueries.TopLevelBubbles(chr, s0, s1))
            {
                GraphQueries.DescendantSegments(store, b, ids, limit);
                if (ids.Count > limit) break;
            }
        }
        if (ids.Count > chr.Limits.MaxRegionSegments)
            throw new TooLargeQueryException($"Region resolves to more than {chr.Limits.MaxRegionSegments} segments; request a smaller window.",
                [new("seg_count", ids.Count), new("limit", chr.Limits.MaxRegionSegments)]);
        return new SegmentSet(ids);
    }

    /// <summary>
    /// Region /path-data: the subpath's steps (in order, repeats included) whose segment is in the window's region,
    /// re-encoded as a gzip <c>.binpath</c>. Only the path blocks whose id range can hold a region segment are decoded.
    /// </summary>
    public static byte[] RegionPath(ChromosomeReader chr, string? genome, string? sample, int index, long start, long end)
    {
        GraphQueries.RequireGenome(chr, genome);
        var entry = RequireEntry(chr, sample, index);
        var region = RegionSegments(chr, start, end);
        var blocks = chr.Paths.Blocks(entry);
        var ms = new MemoryStream();
        using (var writer = new BinPathWriter(ms, compressionLevel: 1, leaveOpen: true))
        {
            if (region.Count > 0)
            {
                long[]? buffer = null;
                try
                {
                    for (int k = 0; k < blocks.Blocks.Count; k++)
                    {
                        var b = blocks.Blocks[k];
                        if (!region.Intersects(b.MinSegment, b.MaxSegment)) continue;
                        if (buffer is null || buffer.Length < b.Steps)
                        {
                            if (buffer is not null) System.Buffers.ArrayPool<long>.Shared.Return(buffer);
                            buffer = System.Buffers.ArrayPool<long>.Shared.Rent(b.Steps);
                        }
                        int n = blocks.Decode(k, buffer);
                        for (int i = 0; i < n; i++)
                            if (region.Contains(PathStep.SegmentId(buffer[i]))) writer.Append(buffer[i]);
                    }
                }
                finally
                {
                    if (buffer is not null) System.Buffers.ArrayPool<long>.Shared.Return(buffer);
                }
            }
        }
        return ms.ToArray();
    }

    private sealed class StringList(List<string> items) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartArray();
            foreach (var s in items) w.WriteStringValue(s);
            w.WriteEndArray();
        }
    }

    private sealed class SampleIndexResult(IReadOnlyList<KeyValuePair<string, int>> items) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            foreach (var (k, v) in items) w.WriteNumber(k, v);
            w.WriteEndObject();
        }
    }

    private sealed class PathMetaResult(IReadOnlyList<PathIndexEntry> entries, List<(long, long)?> spans) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartArray();
            for (int i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                w.WriteStartObject();
                w.WriteString("file", e.File);
                w.WriteString("full_id", e.FullId);
                w.WriteString("contig", e.Contig);
                if (e.Start.IsText) w.WriteString("start", e.Start.Text); else w.WriteNumber("start", e.Start.Number);
                if (e.Length is { } len) w.WriteNumber("length", len); else w.WriteNull("length");
                w.WriteBoolean("is_ref", e.IsRef);
                if (spans[i] is var (s, en)) { w.WriteNumber("bp_start", s); w.WriteNumber("bp_end", en); }
                else { w.WriteNull("bp_start"); w.WriteNull("bp_end"); }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
    }
}
