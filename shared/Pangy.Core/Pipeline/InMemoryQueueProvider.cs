using System.Collections.Concurrent;

namespace Pangy.Core.Pipeline;

/// <summary>In-process queues (<c>pangy up</c> without a storage account, tests), one per name.</summary>
public sealed class InMemoryQueueProvider(TimeProvider? time = null) : IQueueProvider
{
    private readonly ConcurrentDictionary<string, InMemoryMessageQueue> _queues = new(StringComparer.Ordinal);

    public IMessageQueue Get(string name) => _queues.GetOrAdd(name, n => new InMemoryMessageQueue(n, time));
}
