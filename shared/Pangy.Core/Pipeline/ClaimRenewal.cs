namespace Pangy.Core.Pipeline;

/// <summary>
/// Keeps a claim alive while long work runs: every third of the lease it extends the claim, if it is still this
/// worker's (a newer upload may have taken it; the work then finds out before it publishes).
/// </summary>
internal sealed class ClaimRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ClaimRenewal(TimeSpan lease, Func<CancellationToken, Task> renew)
    {
        _loop = Task.Run(async () =>
        {
            var period = lease / 3;
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(period, _stop.Token).ConfigureAwait(false);
                    await renew(_stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) { return; }
                catch (IOException) { /* the next period tries again; the lease covers two misses */ }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
