using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.Npy;
using static Pangy.Query.Tests.Http;

namespace Pangy.Query.Tests;

/// <summary>/samples, /pathorder, /path-meta and /path-data (whole and region mode) on DRB1-3123.</summary>
[Collection(QueryCollection.Name)]
public sealed class PathRouteTests(QueryFixture f)
{
    private static readonly string Q = $"genome={E(TestData.Drb1Ref)}&chromosome={TestData.Chrom}";

    [Fact]
    public async Task Samples_and_pathorder_list_twelve()
    {
        var samples = await f.Client.Json("/samples");
        Assert.Equal(12, samples.GetArrayLength());
        Assert.Contains(samples.EnumerateArray(), s => s.GetString() == TestData.Drb1Ref);
        var order = await f.Client.Json($"/pathorder?{Q}");
        Assert.Equal(12, order.EnumerateObject().Count());
        Assert.Equal(Enumerable.Range(0, 12), order.EnumerateObject().Select(p => p.Value.GetInt32()).Order());
        AssertError(await f.Client.Json($"/pathorder?genome={E(TestData.Drb1Ref)}&chromosome=chrNOPE", 404));
    }

    [Fact]
    public async Task Path_meta_lists_entries_with_bp_spans()
    {
        var data = await f.Client.Json($"/path-meta?chromosome={TestData.Chrom}&sample={E(TestData.Drb1Ref)}");
        var e = Assert.Single(data.EnumerateArray());
        Assert.True(e.GetProperty("is_ref").GetBoolean());
        Assert.Equal(TestData.Drb1Ref, e.GetProperty("contig").GetString());
        Assert.Equal(32578768, e.GetProperty("start").GetInt64());
        Assert.Equal(32578769, e.GetProperty("bp_start").GetInt64());
        Assert.Equal(32589836, e.GetProperty("bp_end").GetInt64());
        foreach (var key in new[] { "file", "full_id", "contig", "start", "length" }) Assert.True(e.TryGetProperty(key, out _), key);
        var none = await f.Client.Json($"/path-meta?chromosome={TestData.Chrom}&sample=NOSUCHSAMPLE");
        Assert.Equal(0, none.GetArrayLength());
    }

    [Fact]
    public async Task Path_meta_bp_spans_agree_with_and_without_stored_block_files()
    {
        foreach (var sample in (await f.Client.Json("/samples")).EnumerateArray().Select(s => s.GetString()!))
        {
            var a = await f.Client.Json($"/path-meta?chromosome={TestData.Chrom}&sample={E(sample)}");
            var b = await f.Client.Json($"/path-meta?db=second&chromosome={TestData.Chrom}&sample={E(sample)}");
            Assert.Equal(a.GetRawText(), b.GetRawText());
        }
    }

    [Fact]
    public async Task Path_data_whole_is_the_stored_file_gzip_encoded()
    {
        using var resp = await f.Client.GetAsync($"/path-data?chromosome={TestData.Chrom}&sample={E(TestData.Drb1Ref)}&index=0");
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        Assert.Equal("gzip", Assert.Single(resp.Content.Headers.ContentEncoding));
        Assert.Equal("application/octet-stream", resp.Content.Headers.ContentType?.MediaType);
        byte[] body = await resp.Content.ReadAsByteArrayAsync();
        string file = Directory.EnumerateFiles(Path.Combine(f.ChromosomeDir, "paths"), "gi|568815592__1.binpath").Single();
        Assert.Equal(File.ReadAllBytes(file), body);
        Assert.Equal(1488, BinPathReader.Read(new MemoryStream(body), "x").Length);
    }

    [Fact]
    public async Task Path_data_unknown_sample_or_index_is_404_json()
    {
        AssertError(await f.Client.Json($"/path-data?chromosome={TestData.Chrom}&sample=NOSUCHSAMPLE&index=0", 404));
        AssertError(await f.Client.Json($"/path-data?chromosome={TestData.Chrom}&sample={E(TestData.Drb1Ref)}&index=5", 404));
        AssertError(await f.Client.Json($"/path-data?chromosome={TestData.Chrom}&sample={E(TestData.Drb1Ref)}&index=-1", 404));
    }

    public static TheoryData<long, long> Windows => new()
    {
        { 32580000, 32585000 },
        { 32578769, 32589836 },
        { 32583000, 32583100 },
        { 0, 1 },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Region_path_data_decodes_to_exactly_the_regions_steps(long start, long end)
    {
        var region = RegionSegments(start, end);
        var samples = (await f.Client.Json("/samples")).EnumerateArray().Select(s => s.GetString()!).ToList();
        foreach (var sample in samples)
        {
            var meta = await f.Client.Json($"/path-meta?chromosome={TestData.Chrom}&sample={E(sample)}");
            for (int i = 0; i < meta.GetArrayLength(); i++)
            {
                var full = BinPathReader.ReadFile(Path.Combine(f.ChromosomeDir, "paths", meta[i].GetProperty("file").GetString()!));
                var expected = full.Where(c => region.Contains((int)(c >> 1))).ToArray();
                foreach (var db in new[] { "_default_", "second" })
                {
                    using var resp = await f.Client.GetAsync($"/path-data?db={db}&{Q}&sample={E(sample)}&index={i}&start={start}&end={end}");
                    Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
                    Assert.Equal("gzip", Assert.Single(resp.Content.Headers.ContentEncoding));
                    var got = BinPathReader.Read(new MemoryStream(await resp.Content.ReadAsByteArrayAsync()), "region");
                    Assert.Equal(expected, got);
                }
            }
        }
    }

    [Fact]
    public async Task Region_path_data_of_the_reference_over_its_span_is_its_whole_walk()
    {
        using var resp = await f.Client.GetAsync($"/path-data?{Q}&sample={E(TestData.Drb1Ref)}&index=0&start=32578769&end=32589836");
        var got = BinPathReader.Read(new MemoryStream(await resp.Content.ReadAsByteArrayAsync()), "region");
        Assert.Equal(1488, got.Length);
    }

    /// <summary>The reference's region_segment_ids, computed naively from the test's own reads of the datastore.</summary>
    private HashSet<int> RegionSegments(long start, long end)
    {
        var starts = NpyArray<uint>.ReadAll(Path.Combine(f.ChromosomeDir, "steps.mmapindex", "starts.npy"));
        var segs = NpyArray<uint>.ReadAll(Path.Combine(f.ChromosomeDir, "steps.mmapindex", "segments.npy"));
        int At(long bp) => Math.Max(0, Array.FindLastIndex(starts, s => s <= bp));
        int s0 = At(start), s1 = At(end);
        var set = new HashSet<int>();
        for (int i = s0; i <= s1; i++) set.Add((int)segs[i]);
        void All(TestBubble b)
        {
            set.UnionWith(b.Source); set.UnionWith(b.Sink); set.UnionWith(b.Inside);
            foreach (int c in b.Children) All(f.Bubbles.Single(x => x.Id == c));
        }
        void Visit(TestBubble b)
        {
            bool contained = b.RangeExclusive.Any(r => r.Item1 >= s0 && r.Item2 <= s1) || b.RangeInclusive.Any(r => r.Item1 >= s0 && r.Item2 <= s1);
            if (contained) { All(b); return; }
            foreach (int c in b.Children) Visit(f.Bubbles.Single(x => x.Id == c));
        }
        foreach (var b in f.Bubbles.Where(b => b.Parent is null && b.RangeInclusive.Any(r => r.Item2 >= s0 && r.Item1 <= s1))) Visit(b);
        return set;
    }
}
