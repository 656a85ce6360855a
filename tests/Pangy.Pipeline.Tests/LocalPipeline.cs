using Pangy.Core.Pipeline;
using Pangy.Core.Storage;

namespace Pangy.Pipeline.Tests;

/// <summary>
/// The pipeline over local parts (a folder of uploads, in-process queues, a folder status store, a local datastore)
/// with the Core handlers dispatched as the host would. Uploads are copied in, and their BlobCreated events posted
/// by the test (so it controls duplicates and order).
/// </summary>
internal sealed class LocalPipeline : IAsyncDisposable
{
    private readonly TempDir _dir = new();
    private long _sequencer = 1;

    public LocalPipeline(int workers = 1, PipelineOptions? options = null)
    {
        Uploads = new LocalFolderObjectStore(_dir["uploads"]);
        Directory.CreateDirectory(Uploads.Root);
        Datastore = new LocalDatastore(_dir["datastore"]);
        Status = new StatusBook(new LocalStatusStore(LocalStatusStore.InDatastore(Datastore.Root)));
        Context = new PipelineContext(Uploads, Queues, Status, Datastore, options ?? new PipelineOptions { DeferDelay = TimeSpan.FromMilliseconds(200) },
            new SyncProgress(e => { lock (Events) Events.Add(e); }));
        var dispatch = new QueueDispatcherOptions { Workers = workers, RetryDelay = TimeSpan.FromMilliseconds(100), MaxPollingInterval = TimeSpan.FromMilliseconds(100) };
        Runner = new PipelineRunner(Queues, PipelineFunctions.Of(Context), PipelineNames.Queues.ToDictionary(q => q, _ => dispatch));
        Runner.Start();
    }

    public LocalFolderObjectStore Uploads { get; }
    public InMemoryQueueProvider Queues { get; } = new();
    public LocalDatastore Datastore { get; }
    public StatusBook Status { get; }
    public PipelineContext Context { get; }
    public PipelineRunner Runner { get; }
    public List<PipelineEvent> Events { get; } = [];

    /// <summary>Copies <paramref name="source"/> to upload <paramref name="name"/>; returns the event Event Grid would post.</summary>
    public async Task<string> UploadAsync(string name, string source)
    {
        string path = Uploads.PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(source, path, overwrite: true);
        return await EventForAsync(name);
    }

    public async Task<string> UploadTextAsync(string name, string text)
    {
        string path = Uploads.PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text);
        return await EventForAsync(name);
    }

    private async Task<string> EventForAsync(string name)
    {
        var info = (await Uploads.GetInfoAsync(name))!;
        return BlobCreatedEvent.Create("local", PipelineNames.UploadsContainer, name, new Uri(Uploads.PathOf(name)).AbsoluteUri, info.ETag,
            info.Length, BlobCreatedEvent.LocalSequencer(Interlocked.Increment(ref _sequencer)), DateTimeOffset.UtcNow);
    }

    public Task PostAsync(string eventJson) => Queues.Get(PipelineNames.UploadsQueue).SendAsync(eventJson);

    public Task IdleAsync() => Runner.WaitIdleAsync(TimeSpan.FromSeconds(120));

    public async Task<ChromosomeStatus> ChromosomeAsync(string dataset, string chromosome) =>
        (await Status.ReadDatasetAsync(dataset))!.Chromosomes.Single(c => c.Chromosome == chromosome);

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
internal sealed class SyncProgress(Action<PipelineEvent> report) : IProgress<PipelineEvent>
{
    public void Report(PipelineEvent value) => report(value);
}
