namespace Pangy.Core.Pipeline;

/// <summary>
/// A storage queue, with the semantics of Azure Storage queues (which the Functions host builds on): a received
/// message becomes invisible for a time and reappears unless it is deleted; each receive raises its dequeue count.
/// Message text is JSON; an implementation that crosses the wire writes it base64-encoded (the pipeline contract).
/// </summary>
public interface IMessageQueue
{
    /// <summary>The queue's name.</summary>
    string Name { get; }

    /// <summary>Creates the queue if it does not exist.</summary>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a message, visible after <paramref name="delay"/> (default at once).</summary>
    Task SendAsync(string text, TimeSpan? delay = null, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> visible messages, each made invisible for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int max, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message (its work is done).</summary>
    Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Makes a received message visible again after <paramref name="visibilityTimeout"/>; returns the message with its new receipt.</summary>
    Task<ReceivedMessage> SetVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>How many messages the queue holds, visible or not (approximate for a remote queue).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken = default);
}
