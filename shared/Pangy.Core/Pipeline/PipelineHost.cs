namespace Pangy.Core.Pipeline;

/// <summary>
/// The whole pipeline in one process (<c>pangy up</c>): the notifier that turns new uploads into BlobCreated events,
/// and one dispatcher per queue running the Core handlers, builds on <c>workers</c> concurrent workers.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly UploadNotifier _notifier;
    private Task _notifying = Task.CompletedTask;

    public PipelineHost(PipelineContext context, UploadNotifier notifier, int workers = 1)
    {
        _notifier = notifier;
        var builds = new QueueDispatcherOptions { Workers = Math.Max(1, workers), RetryDelay = TimeSpan.FromSeconds(2), MaxPollingInterval = TimeSpan.FromMilliseconds(500) };
        var light = builds with { Workers = 1 };
        Runner = new PipelineRunner(context.Queues, PipelineFunctions.Of(context), new Dictionary<string, QueueDispatcherOptions>
        {
            [PipelineNames.UploadsQueue] = light,
            [PipelineNames.BuildsQueue] = builds,
            [PipelineNames.SkeletonsQueue] = builds,
            [PipelineNames.AnnotationsQueue] = light,
        });
    }

    public PipelineRunner Runner { get; }

    public void Start()
    {
        Runner.Start();
        _notifying = _notifier.RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _notifying.ConfigureAwait(false); } catch (OperationCanceledException) { }
        await Runner.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
