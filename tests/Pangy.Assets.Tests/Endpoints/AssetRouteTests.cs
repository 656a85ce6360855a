using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pangy.Assets.Tests.Formats;
using Pangy.Http;

namespace Pangy.Assets.Tests.Endpoints;

/// <summary>
/// The query app on a real Kestrel over a datastore whose <c>assets/</c> folder holds GenomeKit's files:
/// <c>/sequence</c>, <c>/chrom-sizes</c>, <c>/assets</c> over real HTTP, checked against the independent decoder.
/// </summary>
public sealed class AssetRouteTests(AssetServer server) : IClassFixture<AssetServer>
{
    private readonly HttpClient _http = server.Http;
    private readonly IndependentTwoBit _hg38 = new(File.ReadAllBytes(TestData.Assets("hg38.p12.mini.2bit")));
    private readonly IndependentTwoBit _hg19 = new(File.ReadAllBytes(TestData.Assets("hg19.mini.2bit")));

    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string url)
    {
        using var response = await _http.GetAsync(url);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task SequenceIsOneBasedInclusiveAndAcceptsAliases()
    {
        string chr2 = _hg38["chr2"].Bases;
        foreach (var alias in new[] { "chr2", "2", "CM000664.2", "NC_000002.12" })
        {
            var (status, body) = await Get($"/sequence?genome=hg38.p12.mini&chromosome={alias}&start=1&end=60");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(chr2[..60], body.GetProperty("sequence").GetString());
            Assert.Equal("chr2", body.GetProperty("chromosome").GetString());
            Assert.Equal(1, body.GetProperty("start").GetInt64());
            Assert.Equal(60, body.GetProperty("end").GetInt64());
        }
        // The last base, and a window across soft-masked blocks of hg19's chr1.
        var (_, last) = await Get($"/sequence?genome=hg38.p12.mini&chromosome=chr2&start={chr2.Length}&end={chr2.Length}");
        Assert.Equal(chr2[^1..], last.GetProperty("sequence").GetString());
        var mask = _hg19["chr1"].MaskBlocks[3];
        long s = mask.Start - 10, e = mask.Start + mask.Size + 10; // 0-based [s, e) → 1-based s+1..e
        var (_, masked) = await Get($"/sequence?genome=hg19.mini&chromosome=NC_000001.10&start={s + 1}&end={e}");
        Assert.Equal(_hg19["chr1"].Bases[(int)s..(int)e], masked.GetProperty("sequence").GetString());
    }

    [Fact]
    public async Task MinusStrandIsTheReverseComplement()
    {
        string forward = _hg38["chr2"].Bases[99..400];
        var (status, body) = await Get("/sequence?genome=hg38.p12.mini&chromosome=chr2&start=100&end=400&strand=-");
        Assert.Equal(HttpStatusCode.OK, status);
        string expected = new(forward.Reverse().Select(c => c switch
        {
            'A' => 'T', 'T' => 'A', 'C' => 'G', 'G' => 'C', 'a' => 't', 't' => 'a', 'c' => 'g', 'g' => 'c', _ => c,
        }).ToArray());
        Assert.Equal(expected, body.GetProperty("sequence").GetString());
        Assert.Equal("-", body.GetProperty("strand").GetString());
    }

    [Theory]
    [InlineData("/sequence?genome=hg19.mini&chromosome=chr16&start=1&end=20001", HttpStatusCode.RequestEntityTooLarge, "over the limit of 20000")]
    [InlineData("/sequence?genome=hg38.p12.mini&chromosome=chr9&start=1&end=10", HttpStatusCode.NotFound, "Contig not found: 'chr9' in hg38.p12.mini")]
    [InlineData("/sequence?genome=mm10&chromosome=chr1&start=1&end=10", HttpStatusCode.NotFound, "Genome 'mm10' not found")]
    [InlineData("/sequence?genome=hg38.p12.mini&chromosome=chr2&start=0&end=10", HttpStatusCode.BadRequest, "start must be at least 1")]
    [InlineData("/sequence?genome=hg38.p12.mini&chromosome=chr2&start=10&end=9", HttpStatusCode.BadRequest, "end 9 is before start 10")]
    [InlineData("/sequence?genome=hg38.p12.mini&chromosome=chr2&start=10500&end=10501", HttpStatusCode.BadRequest, "past the end of chr2 (10500 bases)")]
    [InlineData("/sequence?genome=hg38.p12.mini&chromosome=chr2&start=1&end=9&strand=x", HttpStatusCode.BadRequest, "strand must be")]
    [InlineData("/sequence?genome=../etc&chromosome=chr2&start=1&end=9", HttpStatusCode.BadRequest, "is not a genome name")]
    [InlineData("/sequence?genome=hg38.p12.mini&chromosome=chr2&end=9", HttpStatusCode.BadRequest, "missing parameter: start")]
    [InlineData("/chrom-sizes", HttpStatusCode.BadRequest, "missing parameter: genome")]
    public async Task BadRequestsAreRefusedWithTheReason(string url, HttpStatusCode status, string message)
    {
        var (s, body) = await Get(url);
        Assert.Equal(status, s);
        Assert.Contains(message, body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_datasets_reference_names_the_assembly_its_dataset_records()
    {
        string reference = Uri.EscapeDataString(AssetServer.Reference);
        var (status, byAssembly) = await Get($"/sequence?genome={AssetServer.Assembly}&chromosome=chr2&start=101&end=400");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(_hg38["chr2"].Bases[100..400], byAssembly.GetProperty("sequence").GetString());
        // The graph's name (chr2) and a user's (2, NC_000002.12) resolve through the assembly's chromAlias.txt (the mini
        // assembly holds chr2 only).
        foreach (var chromosome in new[] { "2", "chr2", "NC_000002.12" })
        {
            var (s, byReference) = await Get($"/sequence?genome={reference}&chromosome={chromosome}&start=101&end=400");
            Assert.Equal(HttpStatusCode.OK, s);
            Assert.Equal(byAssembly.GetProperty("sequence").GetString(), byReference.GetProperty("sequence").GetString());
            Assert.Equal("chr2", byReference.GetProperty("chromosome").GetString());
        }
        var (sizesStatus, sizes) = await Get($"/chrom-sizes?genome={reference}");
        Assert.Equal(HttpStatusCode.OK, sizesStatus);
        Assert.Equal(AssetServer.Reference, sizes.GetProperty("genome").GetString());
        Assert.Equal(AssetServer.Assembly, sizes.GetProperty("assembly").GetString());
        var (_, direct) = await Get($"/chrom-sizes?genome={AssetServer.Assembly}");
        Assert.Equal(direct.GetProperty("chromosomes").GetRawText(), sizes.GetProperty("chromosomes").GetRawText());
        // A reference no dataset records an assembly for is still not a genome.
        var (unknown, body) = await Get("/chrom-sizes?genome=GRCh38");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("Genome 'GRCh38' not found", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ChromSizesListTheAssembly()
    {
        var (status, body) = await Get("/chrom-sizes?genome=hg19.mini");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([("chr1", 50196L), ("chr2", 10500L), ("chr16", 744445L)],
            body.GetProperty("chromosomes").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("length").GetInt64())));
    }

    [Fact]
    public async Task AssetsListsTheFilesAndAssemblies()
    {
        var (status, body) = await Get("/assets");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("bucket_error").ValueKind);
        Assert.Equal(["hg19.mini", "hg38.p12.mini", "hg38.p14.mini"], body.GetProperty("assemblies").EnumerateArray().Select(a => a.GetString()));
        var twoBit = body.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "hg19.mini.2bit");
        Assert.Equal(new FileInfo(TestData.Assets("hg19.mini.2bit")).Length, twoBit.GetProperty("size").GetInt64());
        Assert.True(twoBit.GetProperty("cached").GetBoolean()); // the folder bucket is its own cache
    }
}
