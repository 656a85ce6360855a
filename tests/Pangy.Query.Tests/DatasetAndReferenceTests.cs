using System.Net;
using System.Text.Json;
using static Pangy.Query.Tests.Http;

namespace Pangy.Query.Tests;

/// <summary>/datasets, the db parameter, /chromosomes, /cytoband, /genes, /search, /gene and /openapi.json.</summary>
[Collection(QueryCollection.Name)]
public sealed class DatasetAndReferenceTests(QueryFixture f)
{
    [Fact]
    public async Task Datasets_lists_datasets_chromosomes_references_and_build_state()
    {
        var data = await f.Client.Json("/datasets");
        Assert.Equal("_default_", data.GetProperty("default").GetString());
        var sets = data.GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
        Assert.Equal(["_default_", "second"], sets.Keys.Order(StringComparer.Ordinal));
        var drb1 = sets["_default_"].GetProperty("chromosomes").EnumerateArray().Single();
        Assert.Equal(TestData.Chrom, drb1.GetProperty("name").GetString());
        Assert.Equal(TestData.Drb1Ref, drb1.GetProperty("reference").GetString());
        var artifacts = drb1.GetProperty("artifacts");
        Assert.True(artifacts.GetProperty("graph").GetBoolean());
        Assert.True(artifacts.GetProperty("bubbles").GetBoolean());
        Assert.True(artifacts.GetProperty("path_blocks").GetBoolean());
        Assert.True(artifacts.GetProperty("skeleton").GetBoolean());
        Assert.True(artifacts.GetProperty("polychains").GetBoolean());
        Assert.Equal("ready", drb1.GetProperty("state").GetString());
        Assert.Equal([TestData.Drb1Ref], sets["_default_"].GetProperty("references").EnumerateArray().Select(r => r.GetString()));
        var second = sets["second"].GetProperty("chromosomes").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.False(second["nobubbles"].GetProperty("artifacts").GetProperty("bubbles").GetBoolean());
        Assert.Equal("partial", second["nobubbles"].GetProperty("state").GetString());
        Assert.False(second[TestData.Chrom].GetProperty("artifacts").GetProperty("path_blocks").GetBoolean());
    }

    [Fact]
    public async Task Db_selects_the_dataset()
    {
        var samples = await f.Client.Json("/samples?db=second");
        Assert.Equal(12, samples.GetArrayLength());
        var noncanonical = await f.Client.Json("/chromosomes?noncanonical=true&db=second");
        Assert.Equal([TestData.Chrom, "nobubbles"], noncanonical.EnumerateArray().Select(c => c.GetString()));
        var pop = await f.Client.Json($"/pop?db=second&id=b{f.BubbleWithEnds(11, 17).Id}&genome={E(TestData.Drb1Ref)}&chromosome={TestData.Chrom}");
        Assert.Equal(4, pop.GetProperty("nodes").GetArrayLength());
        AssertError(await f.Client.Json($"/select?db=second&genome={E(TestData.Drb1Ref)}&chromosome=nobubbles&start=1&end=2", 404));
        AssertError(await f.Client.Json("/samples?db=nosuch", 404));
        AssertError(await f.Client.Json("/samples?db=..", 400));
    }

    [Fact]
    public async Task Chromosomes_and_cytobands_follow_the_organism()
    {
        var canonical = await f.Client.Json("/chromosomes");
        Assert.Equal(24, canonical.GetArrayLength());
        Assert.Equal("chr1", canonical[0].GetString());
        var non = await f.Client.Json("/chromosomes?noncanonical=true");
        Assert.Equal([TestData.Chrom], non.EnumerateArray().Select(c => c.GetString()));
        var all = await f.Client.Json("/cytoband");
        Assert.Equal(24, all.GetProperty("order").GetArrayLength());
        Assert.True(all.GetProperty("chromosome").GetProperty("chr1").GetArrayLength() > 50);
        var chr1 = await f.Client.Json("/cytoband?chromosome=chr1");
        var band = chr1[0];
        foreach (var key in new[] { "band", "start", "end", "name", "type", "color", "chr", "size", "x" }) Assert.True(band.TryGetProperty(key, out _), key);
        Assert.Equal(0, band.GetProperty("band").GetInt32());
        Assert.Equal("chr1", band.GetProperty("chr").GetString());
        AssertError(await f.Client.Json("/cytoband?chromosome=chrNOPE", 404));
    }

    [Fact]
    public async Task Genes_in_the_fixture_region()
    {
        string g = E(TestData.Drb1Ref);
        var chr6 = await f.Client.Json($"/genes?genome={g}&chromosome=chr6&start=32578000&end=32590000");
        var names = chr6.GetProperty("genes").EnumerateArray().Select(x => x.GetProperty("gene").GetString()).ToList();
        Assert.Equal(["HLA-DRB1", "TINY1"], names.Order());
        var chr1 = await f.Client.Json($"/genes?genome={g}&chromosome=chr1");
        Assert.Equal(["FARAWAY"], chr1.GetProperty("genes").EnumerateArray().Select(x => x.GetProperty("gene").GetString()));
        // The fixture's three genes, each with the reference's keys; /genes lists gene rows only.
        var gene = chr6.GetProperty("genes")[0];
        foreach (var key in new[] { "id", "type", "chrom", "start", "end", "strand", "source", "gene", "exon_number", "parent", "tag", "range", "ensembl_canonical", "mane_select", "exons", "transcripts" })
            Assert.True(gene.TryGetProperty(key, out _), key);
        Assert.Equal(0, gene.GetProperty("transcripts").GetArrayLength());

        var mane = await f.Client.Json($"/genes?genome={g}&chromosome=chr6&start=32578000&end=32590000&mane_only=true");
        Assert.Equal(["HLA-DRB1"], mane.GetProperty("genes").EnumerateArray().Select(x => x.GetProperty("gene").GetString()));
        var narrow = await f.Client.Json($"/genes?genome={g}&chromosome=chr6&start=32578000&end=32587500");
        Assert.DoesNotContain(narrow.GetProperty("genes").EnumerateArray(), x => x.GetProperty("gene").GetString() == "TINY1");
        AssertError(await f.Client.Json($"/genes?genome=INVALID&chromosome={TestData.Chrom}&start=32578000&end=32590000", 404));
        AssertError(await f.Client.Json($"/genes?genome=..%2F..%2Fetc&chromosome=chr6", 404));
    }

    [Fact]
    public async Task Gene_tree_of_hla_drb1_has_two_transcripts_of_three_exons()
    {
        var data = await f.Client.Json("/gene?name=HLA-DRB1");
        var gene = Assert.Single(data.EnumerateArray());
        var transcripts = gene.GetProperty("transcripts").EnumerateArray().ToList();
        Assert.Equal(2, transcripts.Count);
        Assert.All(transcripts, t => Assert.Equal(3, t.GetProperty("exons").GetArrayLength()));
        Assert.True(transcripts[0].GetProperty("mane_select").GetBoolean());
        AssertError(await f.Client.Json("/gene?name=NOPE", 404));
    }

    [Fact]
    public async Task Search_finds_genes_by_substring_ignoring_case()
    {
        foreach (var q in new[] { "drb", "DRB" })
        {
            var data = await f.Client.Json($"/search?type=gene&query={q}");
            Assert.Contains(data.EnumerateArray(), r => r.GetProperty("gene").GetString() == "HLA-DRB1");
        }
        Assert.Equal(0, (await f.Client.Json("/search?type=gene&query=zzzzz")).GetArrayLength());
        Assert.Equal(3, (await f.Client.Json("/search?type=gene&query=")).GetArrayLength());
        Assert.Equal(0, (await f.Client.Json("/search?type=exon&query=drb")).GetArrayLength());
    }

    [Fact]
    public async Task Openapi_document_describes_the_routes()
    {
        var doc = await f.Client.Json("/openapi.json");
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/select", "/pop", "/path-data", "/detail-tiles", "/datasets", "/gfa", "/layout", "/bubble-meta-batch", "/spine" })
            Assert.True(paths.TryGetProperty(p, out _), p);
        var select = paths.GetProperty("/select").GetProperty("get");
        var names = select.GetProperty("parameters").EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "db", "genome", "chromosome", "start", "end" }, names);
    }

    [Fact]
    public async Task Health_and_a_dataset_without_status_answer_json()
    {
        // Both are written with the JSON writer (no reflection serializer on a cold instance's first probe).
        var health = await f.Client.Json("/health");
        Assert.Equal("Query", health.GetProperty("app").GetString());
        Assert.Equal("ok", health.GetProperty("status").GetString());
        var missing = await f.Client.Json("/datasets/no-such-dataset/status", 404);
        Assert.Equal("the pipeline has no status for dataset 'no-such-dataset'", missing.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Route_prefix_moves_every_route()
    {
        using var factory = new QueryAppFactory(f.Root, new Dictionary<string, string> { ["Pangy:RoutePrefix"] = "api" });
        using var client = factory.CreateClient();
        Assert.Equal(12, (await client.Json("/api/samples")).GetArrayLength());
        Assert.True((await client.Json("/api/openapi.json")).GetProperty("paths").TryGetProperty("/api/select", out _));
        AssertError(await client.Json("/samples", 404));
    }
}
