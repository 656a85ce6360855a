using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Pangy.Core.Formats.Layout.OdgiLay;
using static Pangy.Query.Tests.Http;

namespace Pangy.Query.Tests;

/// <summary>413 refusals with their reason, and the /gfa and /layout exports.</summary>
[Collection(QueryCollection.Name)]
public sealed class LimitAndExportTests(QueryFixture f)
{
    private static readonly string Q = $"genome={E(TestData.Drb1Ref)}&chromosome={TestData.Chrom}";

    private QueryAppFactory Limited() => new(f.Root, new Dictionary<string, string>
    {
        ["Pangy:Limits:MaxSelectSegments"] = "10",
        ["Pangy:Limits:MaxBatchChains"] = "2",
        ["Pangy:Limits:MaxExportSelection"] = "2",
        ["Pangy:Limits:MaxRegionSegments"] = "5",
        ["Pangy:Limits:MaxSubgraphSegments"] = "5",
        ["Pangy:MaxRequestBodyBytes"] = "200",
    });

    [Fact]
    public async Task Select_over_the_segment_limit_is_413_with_counts()
    {
        using var factory = Limited();
        using var client = factory.CreateClient();
        var body = await client.Json($"/select?{Q}&start=32580000&end=32585000", 413);
        AssertError(body);
        Assert.True(body.GetProperty("seg_count").GetInt32() > 10);
        Assert.Equal(10, body.GetProperty("limit").GetInt32());
        // The default limit (the reference's 50,000) lets the whole locus through.
        await f.Client.Json($"/select?{Q}&start=0&end=40000000");
    }

    [Fact]
    public async Task Other_oversized_requests_are_413()
    {
        using var factory = Limited();
        using var client = factory.CreateClient();
        AssertError(await client.PostJson("/bubble-meta-batch", new { chain_ids = new[] { "c1", "c2", "c3" }, chromosome = TestData.Chrom }, 413));
        AssertError(await client.PostJson("/gfa", new { genome = TestData.Drb1Ref, chromosome = TestData.Chrom, bubble_ids = new[] { 1, 2, 3 } }, 413));
        AssertError(await client.Json($"/path-data?{Q}&sample={E(TestData.Drb1Ref)}&start=32580000&end=32585000", 413));
        AssertError(await client.Json($"/pop?id=b{f.BubbleWithEnds(141, 133).Id}&{Q}", 413));
        var big = new { genome = TestData.Drb1Ref, chromosome = TestData.Chrom, segment_ids = Enumerable.Range(1, 100).ToArray() };
        AssertError(await client.PostJson("/gfa", big, 413));
    }

    [Fact]
    public async Task Gfa_export_of_the_snp_bubble()
    {
        var b = f.BubbleWithEnds(11, 17);
        using var resp = await f.Client.PostAsync("/gfa", Body(new { genome = TestData.Drb1Ref, chromosome = TestData.Chrom, bubble_ids = new[] { b.Id } }));
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        Assert.Equal("text/plain", resp.Content.Headers.ContentType?.MediaType);
        Assert.Contains("DRB1_export.gfa", resp.Content.Headers.ContentDisposition?.ToString());
        var lines = (await resp.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("H\tVN:Z:1.0", lines[0]);
        Assert.Equal(["11", "12", "13", "17"], lines.Where(l => l[0] == 'S').Select(l => l.Split('\t')[1]));
        var gfaLinks = SimpleGfaLinks.Load().Where(l => new[] { 11, 12, 13, 17 }.Contains(l.From) && new[] { 11, 12, 13, 17 }.Contains(l.To)).ToList();
        Assert.Equal(gfaLinks.Count, lines.Count(l => l[0] == 'L'));
        var paths = lines.Where(l => l[0] == 'P').ToList();
        Assert.NotEmpty(paths);
        Assert.Contains(paths, p => p.StartsWith($"P\t{TestData.Drb1Ref}:32578768-32589835#0#{TestData.Drb1Ref}\t", StringComparison.Ordinal));
        Assert.All(paths, p => Assert.EndsWith("\t*", p));
        AssertError(await f.Client.PostJson("/gfa", new { genome = TestData.Drb1Ref, chromosome = TestData.Chrom }, 400));
        AssertError(await f.Client.PostJson("/gfa", new { genome = "INVALID", chromosome = TestData.Chrom, bubble_ids = new[] { b.Id } }, 404));
    }

    [Fact]
    public async Task Layout_export_is_a_zip_with_compacted_ids_and_both_layouts()
    {
        var b = f.BubbleWithEnds(11, 17);
        var polylines = new Dictionary<string, double[][]> { ["s11"] = [[0, 0], [5, 0]], ["12"] = [[10, 0], [12, 1], [14, 0]] };
        using var resp = await f.Client.PostAsync("/layout", Body(new { genome = TestData.Drb1Ref, chromosome = TestData.Chrom, bubble_ids = new[] { b.Id }, polylines }));
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await resp.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["DRB1_export.gfa", "DRB1_export.lay", "DRB1_export.layout", "README.txt"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        string gfa = new StreamReader(zip.GetEntry("DRB1_export.gfa")!.Open()).ReadToEnd();
        Assert.Equal(["S\t1\t", "S\t2\t", "S\t3\t", "S\t4\t"], gfa.Split('\n').Where(l => l.StartsWith('S')).Select(l => l[..4]));
        Assert.Contains("\tON:i:17\n", gfa);
        using var lay = new MemoryStream();
        zip.GetEntry("DRB1_export.lay")!.Open().CopyTo(lay);
        lay.Position = 0;
        var table = OdgiLayReader.Read(lay, "export.lay");
        Assert.Equal(4, table.Count);
        var first = table.GetPositional(0);
        Assert.Equal((0.0, 0.0, 5.0, 0.0), (first.X1, first.Y1, first.X2, first.Y2));
        using var bandage = JsonDocument.Parse(zip.GetEntry("DRB1_export.layout")!.Open());
        Assert.Equal(3, bandage.RootElement.GetProperty("2+").GetArrayLength());
    }

    private static StringContent Body(object o) => new(JsonSerializer.Serialize(o), Encoding.UTF8, "application/json");
}
