using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Pangy.Core.Pipeline;

namespace Pangy.Azure.Queues;

/// <summary>The storage queues of one account, by name (the service client carries the base64 encoding).</summary>
public sealed class StorageQueueProvider(QueueServiceClient service) : IQueueProvider
{
    private readonly ConcurrentDictionary<string, StorageMessageQueue> _queues = new(StringComparer.Ordinal);

    public IMessageQueue Get(string name) => _queues.GetOrAdd(name, n => new StorageMessageQueue(service.GetQueueClient(n)));

    /// <summary>Creates every pipeline queue and its poison queue.</summary>
    public async Task CreateAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var q in PipelineNames.Queues)
        {
            await Get(q).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await Get(PipelineNames.PoisonQueue(q)).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
