using Pangy.Core.Formats.Compression;
using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pangy.Core.Build;
using Pangy.Core.Query;
using Pangy.Core.Stages;
using Pangy.Core.Storage;
using Pangy.Core.Synth;
using static Pangy.Query.Tests.Http;

namespace Pangy.Query.Tests;

/// <summary>
/// /select with <c>Content-Encoding: deflate</c>: the zlib answer assembled from cached fragments decompresses to the
/// identity answer (nodes byte for byte in the same order, the same set of links) for many windows, on DRB1 and on a
/// synthetic graph, with the default group layout and with small groups that put every window edge mid-group.
/// </summary>
[Collection(QueryCollection.Name)]
public sealed class SelectDeflateTests(QueryFixture f, SynthSelectFixture synth) : IClassFixture<SynthSelectFixture>
{
    private static readonly string Q = $"genome={E(TestData.Drb1Ref)}&chromosome={TestData.Chrom}";
    private static readonly (int Group, int Cut, int Suffix)[] Layouts =
    [
        (SelectFragments.DefaultGroupSize, SelectFragments.DefaultCutEvery, SelectFragments.DefaultSuffixEvery),
        (SelectFragments.DefaultGroupSize, SelectFragments.DefaultCutEvery, 0), (4, 2, 1), (8, 1, 3), (2, 2, 0), (6, 3, 2), (8, 4, 4),
    ];

    [Fact]
    public async Task Identity_is_sent_while_the_fragments_are_prepared_then_deflate()
    {
        using var store = new QueryDatastore(f.Root);
        using var lease = store.Open(null, TestData.Chrom);
        var chr = lease.Reader;
        Assert.Null(GraphQueries.TrySelectDeflated(chr, null, 32580000, 32585000));
        for (int i = 0; i < 200 && !chr.SelectFragments.IsReady; i++) await Task.Delay(50);
        using var z = GraphQueries.TrySelectDeflated(chr, null, 32580000, 32585000);
        Assert.NotNull(z);
        AssertSameAnswer(IdentityJson(GraphQueries.Select(chr, null, 32580000, 32585000)), z.ToArray(), "after preparing");
    }

    [Fact]
    public async Task Deflate_is_sent_when_accepted_with_vary()
    {
        using var resp = await Get($"/select?{Q}&start=32580000&end=32585000", "gzip, deflate, br");
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        Assert.Equal(["deflate"], resp.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", resp.Headers.Vary);
        Assert.Equal("application/json", resp.Content.Headers.ContentType?.MediaType);
        byte[] z = await resp.Content.ReadAsByteArrayAsync();
        Assert.Equal(z.Length, resp.Content.Headers.ContentLength);
        Assert.Equal(0x78, z[0]);
        Assert.Equal(0, (z[0] << 8 | z[1]) % 31);
        byte[] identity = await (await Get($"/select?{Q}&start=32580000&end=32585000", null)).Content.ReadAsByteArrayAsync();
        AssertSameAnswer(identity, z, "32580000-32585000");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("deflate;q=0")]
    [InlineData("gzip")]
    [InlineData("identity")]
    [InlineData("*;q=0")]
    public async Task Identity_is_sent_otherwise_and_is_unchanged(string? acceptEncoding)
    {
        using var resp = await Get($"/select?{Q}&start=32580000&end=32585000", acceptEncoding);
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        Assert.Empty(resp.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", resp.Headers.Vary);
        byte[] body = await resp.Content.ReadAsByteArrayAsync();
        // Byte for byte the read model's identity answer.
        using var lease = f.Factory.Services.GetRequiredService<Pangy.Http.QueryServer>().Datastore.Open(null, TestData.Chrom);
        Assert.Equal(IdentityJson(GraphQueries.Select(lease.Reader, null, 32580000, 32585000)), body);
    }

    [Fact]
    public async Task Errors_stay_json_when_deflate_is_accepted()
    {
        using var resp = await Get($"/select?{Q}&start=abc&end=1", "deflate");
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
        Assert.Empty(resp.Content.Headers.ContentEncoding);
        using var doc = JsonDocument.Parse(await resp.Content.ReadAsStringAsync());
        AssertError(doc.RootElement);
        using var missing = await Get($"/select?genome={E(TestData.Drb1Ref)}&chromosome=chrNOPE&start=1&end=2", "deflate");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Over_http_many_bp_windows_decompress_to_the_identity_answer()
    {
        var rng = new Random(5);
        for (int i = 0; i < 40; i++)
        {
            long start = 32578000 + rng.Next(0, 14000), end = start + rng.Next(0, 6000);
            string url = $"/select?{Q}&start={start}&end={end}";
            byte[] identity = await (await Get(url, null)).Content.ReadAsByteArrayAsync();
            using var resp = await Get(url, "deflate");
            Assert.Equal(["deflate"], resp.Content.Headers.ContentEncoding);
            AssertSameAnswer(identity, await resp.Content.ReadAsByteArrayAsync(), url);
        }
    }

    [Fact]
    public void Drb1_every_step_window_on_a_grid_is_exact_for_every_group_layout()
    {
        using var store = new QueryDatastore(f.Root);
        using var lease = store.Open(null, TestData.Chrom);
        var chr = lease.Reader;
        int steps = chr.Steps.Length;
        var windows = new List<(long, long)>();
        for (int a = -3; a < steps + 3; a += 5)
            foreach (int len in new[] { 0, 1, 2, 5, 13, 40, 120, 400, steps })
                windows.Add((a, a + len));
        int cached = CheckWindows(chr, windows);
        Assert.True(cached > 0, "no cached group was used");
    }

    [Fact]
    public void Drb1_bubbles_listed_twice_in_the_index_are_kept_once_at_the_right_place()
    {
        using var store = new QueryDatastore(f.Root);
        using var lease = store.Open(null, TestData.Chrom);
        var chr = lease.Reader;
        var twice = f.Bubbles.Where(b => b.Parent is null && b.RangeInclusive.Length >= 2).ToList();
        Assert.NotEmpty(twice);
        var windows = new List<(long, long)>();
        foreach (var b in twice)
        {
            var (first, last) = (b.RangeInclusive[0], b.RangeInclusive[^1]);
            // Both ranges, only the later one, around each range.
            windows.Add((first.Item1 - 20, last.Item2 + 20));
            windows.Add((first.Item2 + 1, last.Item2 + 30));
            windows.Add((first.Item1, first.Item2));
            windows.Add((last.Item1 - 40, last.Item2));
            for (int d = -9; d <= 9; d += 3) windows.Add((first.Item1 + d, last.Item2 + d + 60));
        }
        CheckWindows(chr, windows);
        // The window that starts after the first range keeps the bubble (at its later entry).
        var b0 = twice[0];
        var (s, e) = (b0.RangeInclusive[0].Item2 + 1, b0.RangeInclusive[^1].Item2 + 30);
        using var fragments = new SelectFragments(chr, new QueryMemoryBudget(1 << 20), 4, 2);
        using var z = fragments.Answer(s, e);
        var nodes = Nodes(ZlibFragmentTests.Inflate(z.ToArray()));
        Assert.Contains($"b{b0.Id}", nodes);
    }

    [Fact]
    public void Synthetic_graph_random_windows_nested_bubbles_and_chromosome_ends_are_exact()
    {
        using var lease = synth.Store.Open("syn", "chrS");
        var chr = lease.Reader;
        int steps = chr.Steps.Length;
        Assert.True(chr.BubbleIndex.RangeIds.Length > 5_000, "the synthetic graph should have thousands of index entries");
        var rng = new Random(11);
        var windows = new List<(long, long)> { (-5, 50), (0, 0), (0, 3), (steps - 60, steps + 10), (steps - 1, steps - 1), (0, steps), (0, steps / 3) };
        for (int i = 0; i < 150; i++)
        {
            long a = rng.Next(-10, steps), len = rng.Next(4) switch { 0 => rng.Next(0, 8), 1 => rng.Next(0, 200), 2 => rng.Next(0, 2000), _ => rng.Next(0, 12000) };
            windows.Add((a, a + len));
        }
        // Windows that cut through bubbles with children, so the children are kept instead (recursion on the fly).
        var index = chr.BubbleIndex;
        int nestedWindows = 0;
        for (int e = 0; e < index.RangeIds.Length && nestedWindows < 40; e += 7)
        {
            var b = chr.Bubbles.Get((int)index.RangeIds[e]);
            if (b is null || b.Children.Length == 0) continue;
            long s0 = index.RangeStarts[e], s1 = index.RangeEnds[e];
            windows.Add((s0 + 1, s1 + 300));
            windows.Add((s0 - 300, s1 - 1));
            if (chr.Bubbles.Get(b.Children[0]) is { RangeInclusive.Length: >= 2 } child)
            {
                windows.Add((child.RangeInclusive[0], child.RangeInclusive[1]));
                windows.Add((child.RangeInclusive[0] - 500, child.RangeInclusive[1]));
                windows.Add((child.RangeInclusive[0], child.RangeInclusive[1] + 500));
            }
            nestedWindows++;
        }
        Assert.True(nestedWindows > 10, "the synthetic graph should have nested bubbles");
        int used = CheckWindows(chr, windows);
        Assert.True(used > 0);
        // Children were kept in some answers: recursion happened.
        int withChildren = windows.Count(w =>
        {
            try { return Nodes(IdentityJson(GraphQueries.SelectSteps(chr, w.Item1, w.Item2)), parents: true).Count > 0; }
            catch (TooLargeQueryException) { return false; }
        });
        Assert.True(withChildren > 10, $"only {withChildren} windows kept a nested bubble");
    }

    [Fact]
    public void Synthetic_graph_answers_survive_a_tiny_cache_budget()
    {
        using var lease = synth.Store.Open("syn", "chrS");
        var chr = lease.Reader;
        var budget = new QueryMemoryBudget(20_000);
        using var fragments = new SelectFragments(chr, budget, 8, 4);
        var rng = new Random(3);
        for (int i = 0; i < 60; i++)
        {
            long a = rng.Next(0, chr.Steps.Length), len = rng.Next(0, 3000);
            CheckWindow(chr, fragments, a, a + len);
            Assert.True(fragments.CachedBytes <= budget.LimitBytes, $"{fragments.CachedBytes} bytes cached");
            Assert.Equal(fragments.CachedBytes, budget.UsedBytes);
        }
        Assert.True(budget.Sheds > 0, "the budget should have been exceeded");
    }

    [Theory]
    [InlineData(SelectFragments.DefaultGroupSize, SelectFragments.DefaultCutEvery, SelectFragments.DefaultSuffixEvery)]
    [InlineData(8, 4, 4)]
    [InlineData(8, 2, 3)]
    public void Windows_entering_a_group_before_at_and_after_a_suffix_start_are_exact(int groupSize, int cutEvery, int suffixEvery)
    {
        using var lease = synth.Store.Open("syn", "chrS");
        var chr = lease.Reader;
        var index = chr.BubbleIndex;
        var starts = index.RangeStarts;
        var ends = index.RangeEnds;
        int n = index.RangeIds.Length;
        using var with = new SelectFragments(chr, new QueryMemoryBudget(64L << 20), groupSize, cutEvery, suffixEvery: suffixEvery);
        using var without = new SelectFragments(chr, new QueryMemoryBudget(64L << 20), groupSize, cutEvery, suffixEvery: 0);
        // Entry positions in the group: its first, around each suffix start, its last.
        var positions = new SortedSet<int> { 0, 1, groupSize - 1 };
        for (int at = suffixEvery; at < groupSize; at += suffixEvery)
            foreach (int d in new[] { -1, 0, 1 })
                if (at + d >= 0 && at + d < groupSize) positions.Add(at + d);
        int expected = 0;
        for (int g = 3; (g + 3) * groupSize < n && g < 3 + 40; g++)
            foreach (int p in positions)
            {
                int first = g * groupSize + p;
                // To the group's last entry, to the next group's first (a group edge), and on over the next group.
                foreach (int last in new[] { (g + 1) * groupSize - 1, (g + 1) * groupSize, (g + 2) * groupSize + 1 })
                {
                    long s = starts[first], e = ends[first];
                    for (int k = first; k <= last; k++) e = Math.Max(e, ends[k]);
                    long before = with.SuffixesSent;
                    CheckWindow(chr, with, s, e);
                    CheckWindow(chr, without, s, e);
                    // A window entered at a suffix start (its first entry starts the window) whose group is kept whole to
                    // its end takes the suffix.
                    if (p % suffixEvery == 0 && p > 0 && with.SuffixesSent > before) expected++;
                }
            }
        Assert.True(expected > 40, $"only {expected} windows took the suffix at their first entry");
        Assert.Equal(0, without.SuffixesSent);
    }

    private int CheckWindows(ChromosomeReader chr, List<(long, long)> windows)
    {
        int used = 0;
        foreach (var (g, c, x) in Layouts)
        {
            using var fragments = new SelectFragments(chr, new QueryMemoryBudget(64L << 20), g, c, suffixEvery: x);
            foreach (var (s, e) in windows) CheckWindow(chr, fragments, s, e);
            used += fragments.CachedGroups;
        }
        return used;
    }

    internal static void CheckWindow(ChromosomeReader chr, SelectFragments fragments, long s, long e)
    {
        byte[] identity;
        try
        {
            identity = IdentityJson(GraphQueries.SelectSteps(chr, s, e));
        }
        catch (TooLargeQueryException t)
        {
            var z = Assert.Throws<TooLargeQueryException>(() => fragments.Answer(s, e));
            Assert.Equal(t.Message, z.Message);
            return;
        }
        using var answer = fragments.Answer(s, e);
        byte[] stream = answer.ToArray();
        Assert.Equal(answer.Length, stream.Length);
        AssertSameAnswer(identity, stream, $"steps {s}-{e}");
    }

    internal static void AssertSameAnswer(byte[] identity, byte[] zlib, string what)
    {
        byte[] json = ZlibFragmentTests.Inflate(zlib);
        // The trailer is the Adler-32 of the document (the decoder checked it too).
        Assert.Equal(Adler32.Update(Adler32.Initial, json), BinaryPrimitives.ReadUInt32BigEndian(zlib.AsSpan(zlib.Length - 4)));
        using var a = JsonDocument.Parse(identity);
        using var b = JsonDocument.Parse(json);
        Assert.True(a.RootElement.GetProperty("nodes").GetRawText() == b.RootElement.GetProperty("nodes").GetRawText(), $"{what}: nodes differ");
        var la = a.RootElement.GetProperty("links").EnumerateArray().Select(x => x.GetRawText()).Order(StringComparer.Ordinal).ToList();
        var lb = b.RootElement.GetProperty("links").EnumerateArray().Select(x => x.GetRawText()).Order(StringComparer.Ordinal).ToList();
        Assert.True(la.SequenceEqual(lb), $"{what}: links differ ({la.Count} vs {lb.Count})");
        Assert.Equal(["nodes", "links"], b.RootElement.EnumerateObject().Select(p => p.Name));
    }

    internal static byte[] IdentityJson(IJsonResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            result.WriteTo(w);
        return buffer.WrittenSpan.ToArray();
    }

    private static List<string> Nodes(byte[] json, bool parents = false)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("nodes").EnumerateArray()
            .Where(n => !parents || n.GetProperty("parent").ValueKind == JsonValueKind.Number)
            .Select(n => n.GetProperty("id").GetString()!).ToList();
    }

    private async Task<HttpResponseMessage> Get(string url, string? acceptEncoding)
    {
        // The app answers uncompressed until the chromosome's fragments are prepared: prepare them first.
        using (var lease = f.Factory.Services.GetRequiredService<Pangy.Http.QueryServer>().Datastore.Open(null, TestData.Chrom))
            lease.Reader.SelectFragments.Prepare();
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await f.Client.SendAsync(request);
    }
}

/// <summary>A small synthetic chromosome (2 Mbp, 8 haplotypes: nested bubbles, thousands of index entries) in a datastore.</summary>
public sealed class SynthSelectFixture : IDisposable
{
    public SynthSelectFixture()
    {
        Root = Directory.CreateTempSubdirectory("pangy-select").FullName;
        string prefix = Path.Combine(Root, "synth");
        SyntheticGraphGenerator.GenerateFiles(new SynthOptions { RefBp = 2_000_000, Haplotypes = 8, Chrom = "chrS", Seed = 7 }, prefix);
        AddChromosome.RunAsync(new LocalDatastore(Root), new AddChromosomeRequest(new ChromosomeKey("syn", "chrS"),
            InputFile.FromPath(prefix + ".gfa"), InputFile.FromPath(prefix + ".lay.tsv"), new ChromosomeBuildOptions { Reference = "GRCh38" })).GetAwaiter().GetResult();
        Store = new QueryDatastore(Root);
    }

    public string Root { get; }
    public QueryDatastore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
