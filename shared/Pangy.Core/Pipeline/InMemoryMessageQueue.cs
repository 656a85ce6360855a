using System.Globalization;

namespace Pangy.Core.Pipeline;

/// <summary>
/// An in-process queue with a storage queue's semantics: invisibility on receive, reappearance unless deleted, a
/// dequeue count, pop receipts that go stale when the message is received again. Safe across threads.
/// </summary>
public sealed class InMemoryMessageQueue(string name, TimeProvider? time = null) : IMessageQueue
{
    private sealed class Entry
    {
        public required string Id;
        public required string Text;
        public required DateTimeOffset InsertedOn;
        public DateTimeOffset VisibleAt;
        public long DequeueCount;
        public string PopReceipt = "";
    }

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly List<Entry> _entries = [];
    private readonly Lock _lock = new();
    private long _next;

    public string Name { get; } = name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SendAsync(string text, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _entries.Add(new Entry
            {
                Id = (++_next).ToString(CultureInfo.InvariantCulture),
                Text = text,
                InsertedOn = now,
                VisibleAt = now + (delay ?? TimeSpan.Zero),
            });
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int max, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var received = new List<ReceivedMessage>();
        lock (_lock)
        {
            foreach (var e in _entries)
            {
                if (received.Count >= max) break;
                if (e.VisibleAt > now) continue;
                e.VisibleAt = now + visibilityTimeout;
                e.DequeueCount++;
                e.PopReceipt = Guid.NewGuid().ToString("N");
                received.Add(ToMessage(e));
            }
        }
        return Task.FromResult<IReadOnlyList<ReceivedMessage>>(received);
    }

    public Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            int i = _entries.FindIndex(e => e.Id == message.Id);
            if (i < 0 || _entries[i].PopReceipt != message.PopReceipt) throw Stale(message);
            _entries.RemoveAt(i);
        }
        return Task.CompletedTask;
    }

    public Task<ReceivedMessage> SetVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var e = _entries.Find(x => x.Id == message.Id);
            if (e is null || e.PopReceipt != message.PopReceipt) throw Stale(message);
            e.VisibleAt = _time.GetUtcNow() + visibilityTimeout;
            e.PopReceipt = Guid.NewGuid().ToString("N");
            return Task.FromResult(ToMessage(e));
        }
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(_entries.Count);
    }

    private static ReceivedMessage ToMessage(Entry e) => new(e.Id, e.PopReceipt, e.Text, e.DequeueCount, e.InsertedOn);

    // What a storage queue answers (404 MessageNotFound / PopReceiptMismatch) when another receiver holds the message now.
    private InvalidOperationException Stale(ReceivedMessage m) =>
        new($"message {m.Id} of queue '{Name}' is no longer held by this receiver (its visibility timed out and it was received again)");
}
