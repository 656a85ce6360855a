using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Pangy.Core.Build;

/// <summary>
/// Runs work items one after another, in the order posted, on a thread of its own, with a small pool of step buffers
/// that the poster fills and the work hands back: the GFA parser goes on with the next steps while the previous ones
/// are matched to links and encoded on the other core. Without buffers it is a bounded in-order queue (the skeleton's
/// polychain pass writes <c>decomp/</c> files through one while it decomposes the next chain). The first failure stops
/// the work (later items are skipped, their buffers still returned) and is rethrown to the poster by
/// <see cref="Post"/> or <see cref="Drain"/>.
/// </summary>
internal sealed class OrderedWorker : IDisposable
{
    private readonly BlockingCollection<(long[]? Buffer, Action? Work, ManualResetEventSlim? Done)> _queue;
    private readonly BlockingCollection<long[]> _free = new();
    private readonly Thread _thread;
    private volatile ExceptionDispatchInfo? _failure;
    private volatile bool _stopping;

    /// <param name="name">The thread's name (it shows in profiles).</param>
    /// <param name="buffers">How many buffers circulate (the queue holds at most that many items besides markers).</param>
    /// <param name="bufferLength">Steps per buffer.</param>
    /// <param name="capacity">At most this many items wait besides the buffers' (<see cref="Post"/> blocks then).</param>
    public OrderedWorker(string name, int buffers = 0, int bufferLength = 0, int capacity = 4)
    {
        _queue = new BlockingCollection<(long[]?, Action?, ManualResetEventSlim?)>(buffers + capacity);
        for (int i = 0; i < buffers; i++) _free.Add(new long[bufferLength]);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>A free buffer, waiting until the work hands one back.</summary>
    public long[] Rent() => _free.Take();

    /// <summary>Hands back a buffer that was rented but not posted.</summary>
    public void Return(long[] buffer) => _free.Add(buffer);

    /// <summary>Queues <paramref name="work"/>; <paramref name="buffer"/> (if any) goes back to the pool after it ran.</summary>
    /// <exception cref="Exception">An earlier work item's failure.</exception>
    public void Post(long[]? buffer, Action work)
    {
        ThrowIfFailed();
        _queue.Add((buffer, work, null));
    }

    /// <summary>Waits until every posted item has run or been skipped; returns the first failure, if any.</summary>
    public ExceptionDispatchInfo? WaitIdle()
    {
        using var done = new ManualResetEventSlim();
        _queue.Add((null, null, done));
        done.Wait();
        return _failure;
    }

    /// <summary>Waits until every posted item has run, and rethrows the first failure.</summary>
    public void Drain() => WaitIdle()?.Throw();

    private void ThrowIfFailed() => _failure?.Throw();

    private void Run()
    {
        foreach (var (buffer, work, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                if (work is not null && _failure is null && !_stopping) work();
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                if (buffer is not null) _free.Add(buffer);
                done?.Set();
            }
        }
    }

    /// <summary>Skips what is still queued and waits for the thread to end.</summary>
    public void Dispose()
    {
        _stopping = true;
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
        _free.Dispose();
    }
}
