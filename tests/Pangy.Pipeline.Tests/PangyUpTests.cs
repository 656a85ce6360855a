using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Pangy.Core.Pipeline;
using Pangy.Testing;

namespace Pangy.Pipeline.Tests;

/// <summary><c>pangy up</c> as a user runs it: a process, files dropped into its uploads, real HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public class PangyUpTests(AzuriteServer azurite)
{
    private const string Select = "/select?db=drb1&genome=gi%7C568815592&chromosome=DRB1&start=32580000&end=32585000";

    [Fact]
    public async Task Copying_drb1_into_the_uploads_folder_makes_it_queryable_and_ready()
    {
        using var tmp = new TempDir();
        using var up = new PangyUp(tmp.Root);
        // The watcher must find files copied after start (not only a first scan's).
        await Task.Delay(1000);
        string drb1 = up.UploadsOf("drb1");
        File.Copy(TestFiles.Drb1Gfa, Path.Combine(drb1, "DRB1.gfa"));
        File.Copy(TestFiles.Drb1Layout, Path.Combine(drb1, "DRB1.lay.tsv"));
        File.WriteAllText(Path.Combine(drb1, "dataset.json"), "{\"ref\": \"gi|568815592\"}");

        var status = await up.WaitReadyAsync("drb1", TimeSpan.FromSeconds(90));
        var chromosome = status.GetProperty("chromosomes").EnumerateArray().Single();
        Assert.Equal("ready", chromosome.GetProperty("state").GetString());
        Assert.Equal("drb1/DRB1.gfa", chromosome.GetProperty("inputs").GetProperty("gfa").GetProperty("name").GetString());
        Assert.Equal(874, chromosome.GetProperty("counts").GetProperty("bubbles").GetInt32());

        using var select = await up.Client.GetAsync(Select);
        Assert.Equal(HttpStatusCode.OK, select.StatusCode);
        var nodes = JsonDocument.Parse(await select.Content.ReadAsStringAsync()).RootElement.GetProperty("nodes");
        Assert.True(nodes.GetArrayLength() > 0);
        var datasets = JsonDocument.Parse(await up.Client.GetStringAsync("/datasets")).RootElement;
        var listed = datasets.GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "drb1");
        Assert.Equal("ready", listed.GetProperty("chromosomes")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_dataset_json_assembly_makes_the_reference_a_genome_of_the_assets_bucket()
    {
        using var tmp = new TempDir();
        // A bucket folder elsewhere than the default DIR/assets, so that --assets is what finds it.
        string bucket = Directory.CreateDirectory(tmp["bucket"]).FullName;
        foreach (var f in Directory.EnumerateFiles(TestFiles.Data("assets"), "hg38.p12.mini.*"))
            File.Copy(f, Path.Combine(bucket, Path.GetFileName(f)));
        using var up = new PangyUp(tmp["up"], "--assets", bucket);
        string drb1 = up.UploadsOf("drb1");
        File.Copy(TestFiles.Drb1Gfa, Path.Combine(drb1, "DRB1.gfa"));
        File.Copy(TestFiles.Drb1Layout, Path.Combine(drb1, "DRB1.lay.tsv"));
        File.WriteAllText(Path.Combine(drb1, "dataset.json"), "{\"ref\": \"gi|568815592\", \"assembly\": \"hg38.p12.mini\"}");

        var status = await up.WaitReadyAsync("drb1", TimeSpan.FromSeconds(90));
        Assert.Equal("ready", status.GetProperty("chromosomes")[0].GetProperty("state").GetString());
        string byAssembly = await SequenceAsync(up, "genome=hg38.p12.mini&chromosome=chr2&start=1&end=120");
        Assert.Equal(120, byAssembly.Length);
        Assert.Equal(byAssembly, await SequenceAsync(up, "genome=gi%7C568815592&chromosome=2&start=1&end=120"));
        Assert.Equal(byAssembly, await SequenceAsync(up, "genome=gi%7C568815592&chromosome=NC_000002.12&start=1&end=120"));
    }

    private static async Task<string> SequenceAsync(PangyUp up, string query)
    {
        using var r = await up.Client.GetAsync("/sequence?" + query);
        string body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"/sequence?{query}: {(int)r.StatusCode} {body}\n{up.Output}");
        return JsonDocument.Parse(body).RootElement.GetProperty("sequence").GetString()!;
    }

    [Fact]
    public async Task With_storage_uploads_to_the_container_are_built_and_served()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, PipelineNames.UploadsContainer);
        await container.DeleteIfExistsAsync();
        await container.CreateIfNotExistsAsync();
        using var tmp = new TempDir();
        using var up = new PangyUp(tmp.Root, "--storage", azurite.ConnectionString);
        await container.UploadBlobAsync("drb2/dataset.json", BinaryData.FromString("{\"ref\": \"gi|568815592\", \"annotations\": \"drb2\"}"));
        await using (var f = File.OpenRead(TestFiles.Drb1Gfa)) await container.UploadBlobAsync("drb2/DRB1.gfa", f);
        await using (var f = File.OpenRead(TestFiles.Drb1Layout)) await container.UploadBlobAsync("drb2/DRB1.lay.tsv", f);
        await using (var f = File.OpenRead(TestFiles.Drb1Gff3)) await container.UploadBlobAsync("annotations/gi|568815592/drb2.gff3", f);

        var status = await up.WaitReadyAsync("drb2", TimeSpan.FromSeconds(90));
        Assert.Equal("ready", status.GetProperty("chromosomes")[0].GetProperty("state").GetString());
        const string q = "db=drb2&genome=gi%7C568815592&chromosome=DRB1";
        foreach (var route in new[] { $"/select?{q}&start=32580000&end=32585000", $"/skeleton?{q}", $"/path-data?{q}&sample=gi%7C568815592&index=0&start=32580000&end=32585000" })
        {
            using var r = await up.Client.GetAsync(route);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{route}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        // The annotation set is imported by its own queue; give it the time the chromosome took at most.
        for (int i = 0; i < 100; i++)
        {
            using var genes = await up.Client.GetAsync("/genes?db=drb2&genome=gi%7C568815592&chromosome=chr6&start=32578000&end=32590000");
            if (genes.StatusCode == HttpStatusCode.OK)
            {
                Assert.Contains("HLA-DRB1", await genes.Content.ReadAsStringAsync());
                return;
            }
            await Task.Delay(200);
        }
        Assert.Fail("/genes never answered 200\n" + up.Output);
    }
}
