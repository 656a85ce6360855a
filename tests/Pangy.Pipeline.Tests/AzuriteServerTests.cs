using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Pangy.Testing;

namespace Pangy.Pipeline.Tests;

/// <summary>The emulator the pipeline tests stand on: all three services answer, and a restart keeps the ports.</summary>
public class AzuriteServerTests(AzuriteServer azurite) : IClassFixture<AzuriteServer>
{
    [Fact]
    public async Task Blob_queue_and_table_answer_and_a_restart_keeps_the_ports()
    {
        var blobs = new BlobContainerClient(azurite.ConnectionString, "smoke");
        await blobs.CreateIfNotExistsAsync();
        await blobs.UploadBlobAsync("a/b.txt", BinaryData.FromString("hello"));
        Assert.Equal("hello", (await blobs.GetBlobClient("a/b.txt").DownloadContentAsync()).Value.Content.ToString());

        var queue = new QueueClient(azurite.ConnectionString, "smoke");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("m1");
        Assert.Equal("m1", (await queue.ReceiveMessageAsync()).Value.MessageText);

        var table = new TableClient(azurite.ConnectionString, "smoke");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["state"] = "ready" });
        Assert.Equal("ready", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("state"));

        int port = azurite.BlobPort;
        azurite.Stop();
        Assert.False(azurite.IsRunning);
        await azurite.StartAsync();
        Assert.Equal(port, azurite.BlobPort);
        // In-memory persistence: a restart starts empty.
        Assert.False((await new BlobContainerClient(azurite.ConnectionString, "smoke").ExistsAsync()).Value);
    }
}
