using Pangy.Core.Storage;

namespace Pangy.Core.Pipeline;

/// <summary>
/// Stands in for Event Grid where there is none (<c>pangy up</c>, with a folder or with Azurite): it lists the uploads,
/// and for every object that is new or has a new ETag since the last scan it posts the BlobCreated event Event Grid
/// would (same schema, one event per message, increasing sequencers) to <c>pangy-uploads</c>. Objects changed in the
/// last <see cref="SettleTime"/> wait for the next scan, so a file still being copied is announced once, whole.
/// Scans run every <see cref="Interval"/> and whenever <see cref="Poke"/> is called (a file system watcher).
/// </summary>
public sealed class UploadNotifier(IObjectStore uploads, IMessageQueue queue, string account, Func<string, string> urlOf, TimeProvider? time = null)
{
    private readonly Dictionary<string, string> _announced = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _poked = new(0, 1);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _sequencer = DateTime.UtcNow.Ticks;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Asks for a scan now.</summary>
    public void Poke()
    {
        try { _poked.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>Scans until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                bool waiting = await ScanAsync(cancellationToken).ConfigureAwait(false) > 0;
                // Something was still settling: look again soon rather than at the next interval.
                await _poked.WaitAsync(waiting ? SettleTime : Interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (IOException)
            {
                // A file vanished mid-scan, or storage is unreachable: the next scan sees the new state.
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One scan; returns how many changed objects are still settling.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken = default)
    {
        int settling = 0;
        var now = _time.GetUtcNow();
        await foreach (var o in uploads.ListAsync("", cancellationToken).ConfigureAwait(false))
        {
            if (_announced.TryGetValue(o.Name, out var etag) && etag == o.ETag) continue;
            if (now - o.LastModified < SettleTime) { settling++; continue; }
            string json = BlobCreatedEvent.Create(account, PipelineNames.UploadsContainer, o.Name, urlOf(o.Name), o.ETag, o.Length,
                BlobCreatedEvent.LocalSequencer(Interlocked.Increment(ref _sequencer)), now);
            await queue.SendAsync(json, null, cancellationToken).ConfigureAwait(false);
            _announced[o.Name] = o.ETag;
        }
        return settling;
    }
}
