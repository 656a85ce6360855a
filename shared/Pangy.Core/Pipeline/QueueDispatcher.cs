namespace Pangy.Core.Pipeline;

/// <summary>
/// Plays the Functions host's documented queue-trigger semantics over an <see cref="IMessageQueue"/>, for the tests
/// and <c>pangy up</c>: N workers each receive a message with a visibility timeout (renewed while it runs), invoke
/// the function, delete the message on success, and on failure let it reappear after the retry delay; a message
/// that has failed <see cref="QueueDispatcherOptions.MaxDequeueCount"/> times (or arrives having been dequeued more
/// often) is copied to <c>{queue}-poison</c> and deleted.
/// </summary>
public sealed class QueueDispatcher(IMessageQueue queue, IMessageQueue poison, Func<ReceivedMessage, CancellationToken, Task> function,
    QueueDispatcherOptions? options = null)
{
    private readonly QueueDispatcherOptions _options = options ?? new QueueDispatcherOptions();
    private int _running;
    private long _failures;

    public IMessageQueue Queue { get; } = queue;

    /// <summary>Invocations in progress.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Invocations that threw (each one a retry or a move to poison).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Raised when an invocation fails, with the message and the exception (for logs).</summary>
    public event Action<ReceivedMessage, Exception>? Failed;

    /// <summary>Runs the workers until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await Queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await poison.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var workers = Enumerable.Range(0, Math.Max(1, _options.Workers)).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None));
        try { await Task.WhenAll(workers).ConfigureAwait(false); }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        var idle = TimeSpan.FromMilliseconds(50);
        while (!ct.IsCancellationRequested)
        {
            // Counted before the receive, so that "queue empty and nothing running" is never seen mid-hand-over.
            Interlocked.Increment(ref _running);
            try
            {
                var batch = await Queue.ReceiveAsync(1, _options.Lease, ct).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    Interlocked.Decrement(ref _running);
                    await Task.Delay(idle, ct).ConfigureAwait(false);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollingInterval.Ticks));
                    continue;
                }
                idle = TimeSpan.FromMilliseconds(50);
                await InvokeAsync(batch[0], ct).ConfigureAwait(false);
                Interlocked.Decrement(ref _running);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Interlocked.Decrement(ref _running);
                return;
            }
            catch (Exception e)
            {
                // The queue itself failed (storage down): wait and poll again, as the host's listener does.
                Interlocked.Decrement(ref _running);
                Failed?.Invoke(new ReceivedMessage("", "", "", 0, default), e);
                await Task.Delay(_options.MaxPollingInterval, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task InvokeAsync(ReceivedMessage message, CancellationToken ct)
    {
        if (message.DequeueCount > _options.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, ct).ConfigureAwait(false);
            return;
        }
        var held = message;
        using var stopRenewal = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewal = Task.Run(async () =>
        {
            while (!stopRenewal.IsCancellationRequested)
            {
                await Task.Delay(_options.Lease / 2, stopRenewal.Token).ConfigureAwait(false);
                held = await Queue.SetVisibilityAsync(held, _options.Lease, stopRenewal.Token).ConfigureAwait(false);
            }
        }, CancellationToken.None);
        Exception? failure = null;
        try
        {
            await function(message, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            failure = e;
        }
        finally
        {
            await stopRenewal.CancelAsync().ConfigureAwait(false);
            try { await renewal.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        if (failure is null)
        {
            await Queue.DeleteAsync(held, ct).ConfigureAwait(false);
            return;
        }
        Interlocked.Increment(ref _failures);
        Failed?.Invoke(held, failure);
        if (held.DequeueCount >= _options.MaxDequeueCount) await MoveToPoisonAsync(held, ct).ConfigureAwait(false);
        else await Queue.SetVisibilityAsync(held, _options.RetryDelay, ct).ConfigureAwait(false);
    }

    private async Task MoveToPoisonAsync(ReceivedMessage message, CancellationToken ct)
    {
        await poison.SendAsync(message.Text, null, ct).ConfigureAwait(false);
        await Queue.DeleteAsync(message, ct).ConfigureAwait(false);
    }
}
