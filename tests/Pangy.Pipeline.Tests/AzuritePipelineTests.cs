using Azure.Storage.Queues;
using Pangy.Core.Annotations;
using Pangy.Core.Pipeline;
using Pangy.Testing;

namespace Pangy.Pipeline.Tests;

/// <summary>End to end on a real Azurite, through the Function apps' classes.</summary>
[Collection(AzuriteCollection.Name)]
public class AzuritePipelineTests(AzuriteServer azurite, ReferenceBuild reference) : IClassFixture<ReferenceBuild>
{
    private static async Task<List<string>> UploadDrb1Async(AzuritePipeline p) =>
    [
        await p.UploadTextAsync("drb1/dataset.json", TestFiles.Drb1Manifest),
        await p.UploadFileAsync("drb1/DRB1.gfa", TestFiles.Drb1Gfa),
        await p.UploadFileAsync("drb1/DRB1.lay.tsv", TestFiles.Drb1Layout),
        await p.UploadFileAsync("annotations/gi|568815592/drb1.gff3", TestFiles.Drb1Gff3),
    ];

    private async Task ResetAsync()
    {
        // One Azurite for the collection: each test starts from empty queues, container and table.
        var p = Pangy.Azure.Storage.PangyStorageClients.FromConnectionString(azurite.ConnectionString);
        await p.Blobs.GetBlobContainerClient(PipelineNames.UploadsContainer).DeleteIfExistsAsync();
        await p.Tables.DeleteTableAsync(PipelineNames.StatusTable);
        foreach (var q in PipelineNames.Queues)
        {
            await p.Queues.GetQueueClient(q).DeleteIfExistsAsync();
            await p.Queues.GetQueueClient(PipelineNames.PoisonQueue(q)).DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task Drb1_uploaded_to_azurite_becomes_ready_and_byte_identical_to_pangy_add_and_annotate()
    {
        await ResetAsync();
        await using var p = await AzuritePipeline.StartAsync(azurite);
        foreach (var e in await UploadDrb1Async(p)) await p.PostAsync(e);
        await p.IdleAsync();

        var c = await p.ChromosomeAsync("drb1", "DRB1");
        Assert.True(c.State == ChromosomeState.Ready, $"state {c.State}, error {c.Error}");
        Assert.Equal(1, c.Builds);
        Assert.Equal(new ChromosomeCounts(3214, 4380, 12, 874), c.Counts);
        // The status names the exact blob versions the build read.
        var blob = (await p.Uploads.GetBlobClient("drb1/DRB1.gfa").GetPropertiesAsync()).Value;
        Assert.Equal(blob.ETag.ToString().Trim('"'), c.Inputs!.Gfa.ETag);
        ArtifactTree.AssertIdentical(reference.Drb1Dir, p.Parts.Datastore.ChromosomeDirectory(new("drb1", "DRB1")), minFiles: 20);
        ArtifactTree.AssertIdentical(reference.AnnotationsDir, AnnotationCatalog.SetDirectory(p.Parts.Datastore.Root, TestFiles.Drb1Ref, "drb1"));
        foreach (var q in PipelineNames.Queues)
            Assert.Equal(0, await p.Parts.Queues.Get(PipelineNames.PoisonQueue(q)).CountAsync());
    }

    [Fact]
    public async Task Every_event_twice_and_out_of_order_on_azurite_builds_once()
    {
        await ResetAsync();
        await using var p = await AzuritePipeline.StartAsync(azurite, workers: 2);
        var events = await UploadDrb1Async(p);
        // Out of order (GFA first, manifest last) and every event twice.
        var order = new[] { 1, 2, 1, 3, 0, 2, 3, 0 };
        foreach (int i in order) await p.PostAsync(events[i]);
        await p.IdleAsync();

        var c = await p.ChromosomeAsync("drb1", "DRB1");
        Assert.Equal(ChromosomeState.Ready, c.State);
        Assert.Equal(1, c.Builds);
        lock (p.Events)
        {
            Assert.Single(p.Events, e => e.Unit == "drb1/DRB1" && e.Step == ChromosomeState.Built);
            Assert.Single(p.Events, e => e.Unit == "drb1/DRB1" && e.Step == ChromosomeState.Ready);
        }
        Assert.Equal(ChromosomeState.Ready, Assert.Single((await p.Context.Status.ReadAnnotationsAsync()).Sets).State);
        ArtifactTree.AssertIdentical(reference.Drb1Dir, p.Parts.Datastore.ChromosomeDirectory(new("drb1", "DRB1")), minFiles: 20);
    }

    [Fact]
    public async Task Pipeline_messages_travel_base64_encoded()
    {
        await ResetAsync();
        var p = Pangy.Azure.Storage.PangyStorageClients.FromConnectionString(azurite.ConnectionString);
        var parts = Pangy.Azure.AzurePipeline.Create(p, Path.GetTempPath());
        await parts.EnsureCreatedAsync();
        var message = new SkeletonMessage("drb1", "DRB1", "0123456789abcdef");
        await parts.Queues.Get(PipelineNames.SkeletonsQueue).SendAsync(message.ToJson());
        // Read raw (no decoding): the text is base64 of the JSON, as host.json's messageEncoding expects.
        var raw = (await new QueueClient(azurite.ConnectionString, PipelineNames.SkeletonsQueue).ReceiveMessageAsync()).Value;
        Assert.Equal(message.ToJson(), System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(raw.MessageText)));
    }
}
