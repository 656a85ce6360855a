namespace Pangy.Core.Pipeline;

/// <summary>
/// Runs one <see cref="QueueDispatcher"/> per pipeline queue in this process (<c>pangy up</c>, the tests), and tells
/// when the whole pipeline is idle: every queue empty and nothing running, twice in a row.
/// </summary>
public sealed class PipelineRunner : IAsyncDisposable
{
    private readonly List<QueueDispatcher> _dispatchers = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    /// <param name="queues">Where the queues are.</param>
    /// <param name="functions">The function of each queue (by queue name).</param>
    /// <param name="options">The dispatcher settings of each queue (by queue name; others take the default).</param>
    public PipelineRunner(IQueueProvider queues, IReadOnlyDictionary<string, Func<ReceivedMessage, CancellationToken, Task>> functions,
        IReadOnlyDictionary<string, QueueDispatcherOptions>? options = null)
    {
        foreach (var (name, function) in functions)
            _dispatchers.Add(new QueueDispatcher(queues.Get(name), queues.Get(PipelineNames.PoisonQueue(name)), function,
                options?.GetValueOrDefault(name)));
    }

    public IReadOnlyList<QueueDispatcher> Dispatchers => _dispatchers;

    /// <summary>Raised when any invocation fails (queue name, message, exception).</summary>
    public event Action<string, ReceivedMessage, Exception>? Failed;

    public void Start()
    {
        foreach (var d in _dispatchers) d.Failed += (m, e) => Failed?.Invoke(d.Queue.Name, m, e);
        _running = Task.WhenAll(_dispatchers.Select(d => d.RunAsync(_stop.Token)));
    }

    /// <summary>Waits until every queue is empty and nothing runs (deferred messages count: they are in their queue).</summary>
    public async Task WaitIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        int quiet = 0;
        while (quiet < 2)
        {
            try { await Task.Delay(100, cts.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the pipeline was still busy after {timeout}");
            }
            bool idle = true;
            foreach (var d in _dispatchers)
                if (d.Running > 0 || await d.Queue.CountAsync(cts.Token).ConfigureAwait(false) > 0) { idle = false; break; }
            quiet = idle ? quiet + 1 : 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _running.ConfigureAwait(false); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
