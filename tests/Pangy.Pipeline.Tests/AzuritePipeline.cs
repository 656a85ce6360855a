using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Pangy.Azure;
using Pangy.Azure.Storage;
using Pangy.Core.Pipeline;
using Pangy.Functions.Ingest.Functions;
using Pangy.Functions.Skeleton.Functions;
using Pangy.Testing;

namespace Pangy.Pipeline.Tests;

/// <summary>
/// The pipeline on a real Azurite: blobs in <c>uploads</c>, the four storage queues, the status table; the dispatcher
/// invokes the Function apps' classes (the methods their <c>[Function]</c> attributes mark) with the queue messages it
/// receives, as the host would. The test uploads blobs and posts their BlobCreated events the way Event Grid does
/// (base64 text, written with a plain queue client, not through the pipeline's adapter).
/// </summary>
internal sealed class AzuritePipeline : IAsyncDisposable
{
    private readonly TempDir _dir = new();
    private readonly QueueClient _rawUploads;
    private long _sequencer = 1;

    private AzuritePipeline(AzuriteServer azurite, int workers)
    {
        Parts = AzurePipeline.Create(PangyStorageClients.FromConnectionString(azurite.ConnectionString), _dir["datastore"]);
        Context = Parts.Context(new PipelineOptions { DeferDelay = TimeSpan.FromMilliseconds(300) },
            new SyncProgress(e => { lock (Events) Events.Add(e); }));
        _rawUploads = new QueueClient(azurite.ConnectionString, PipelineNames.UploadsQueue);
        var onUpload = new OnUploadFunction(Context);
        var build = new BuildChromosomeFunction(Context);
        var skeleton = new BuildSkeletonFunction(Context);
        var annotations = new BuildAnnotationsFunction(Context);
        var functions = new Dictionary<string, Func<ReceivedMessage, CancellationToken, Task>>
        {
            [PipelineNames.UploadsQueue] = (m, ct) => onUpload.Run(Host(m), ct),
            [PipelineNames.BuildsQueue] = (m, ct) => build.Run(Host(m), ct),
            [PipelineNames.SkeletonsQueue] = (m, ct) => skeleton.Run(Host(m), ct),
            [PipelineNames.AnnotationsQueue] = (m, ct) => annotations.Run(Host(m), ct),
        };
        var dispatch = new QueueDispatcherOptions { Workers = workers, RetryDelay = TimeSpan.FromMilliseconds(200), MaxPollingInterval = TimeSpan.FromMilliseconds(200) };
        Runner = new PipelineRunner(Parts.Queues, functions, PipelineNames.Queues.ToDictionary(q => q, _ => dispatch));
    }

    public static async Task<AzuritePipeline> StartAsync(AzuriteServer azurite, int workers = 1)
    {
        var p = new AzuritePipeline(azurite, workers);
        await p.Parts.EnsureCreatedAsync();
        p.Runner.Start();
        return p;
    }

    public AzurePipeline Parts { get; }
    public PipelineContext Context { get; }
    public PipelineRunner Runner { get; }
    public List<PipelineEvent> Events { get; } = [];
    public BlobContainerClient Uploads => Parts.Uploads.Container;

    // The message as the host's queue extension hands it to an isolated worker: decoded text and the dequeue count.
    private static QueueMessage Host(ReceivedMessage m) =>
        QueuesModelFactory.QueueMessage(m.Id, m.PopReceipt, m.Text, m.DequeueCount, null, m.InsertedOn, null);

    /// <summary>Uploads a blob; returns the event Event Grid would write for it.</summary>
    public async Task<string> UploadAsync(string name, Stream content)
    {
        var blob = Uploads.GetBlobClient(name);
        var info = (await blob.UploadAsync(content, overwrite: true)).Value;
        var props = (await blob.GetPropertiesAsync()).Value;
        return BlobCreatedEvent.Create(Parts.Clients.AccountName, PipelineNames.UploadsContainer, name, blob.Uri.AbsoluteUri,
            info.ETag.ToString().Trim('"'), props.ContentLength, BlobCreatedEvent.LocalSequencer(Interlocked.Increment(ref _sequencer)), DateTimeOffset.UtcNow);
    }

    public async Task<string> UploadFileAsync(string name, string path)
    {
        await using var f = File.OpenRead(path);
        return await UploadAsync(name, f);
    }

    public Task<string> UploadTextAsync(string name, string text) => UploadAsync(name, new MemoryStream(Encoding.UTF8.GetBytes(text)));

    /// <summary>Posts an event as Event Grid does: the JSON's UTF-8, base64-encoded, as the message text.</summary>
    public Task PostAsync(string eventJson) => _rawUploads.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(eventJson)));

    public Task IdleAsync() => Runner.WaitIdleAsync(TimeSpan.FromSeconds(180));

    public async Task<ChromosomeStatus> ChromosomeAsync(string dataset, string chromosome) =>
        (await Context.Status.ReadDatasetAsync(dataset))!.Chromosomes.Single(c => c.Chromosome == chromosome);

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        _dir.Dispose();
    }
}
