using Azure;
using Azure.Storage.Queues;
using Pangy.Core.Pipeline;

namespace Pangy.Azure.Queues;

/// <summary>
/// An <see cref="IMessageQueue"/> over an Azure Storage queue; message text travels base64-encoded (the client's
/// <see cref="QueueMessageEncoding.Base64"/>), as Event Grid writes it and as host.json's <c>messageEncoding</c> reads it.
/// </summary>
public sealed class StorageMessageQueue(QueueClient client) : IMessageQueue
{
    public QueueClient Client { get; } = client;

    public string Name => Client.Name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public Task SendAsync(string text, TimeSpan? delay = null, CancellationToken cancellationToken = default) =>
        Client.SendMessageAsync(text, delay, null, cancellationToken);

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int max, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var messages = (await Client.ReceiveMessagesAsync(max, visibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
        return [.. messages.Select(m => new ReceivedMessage(m.MessageId, m.PopReceipt, m.MessageText, m.DequeueCount, m.InsertedOn ?? default))];
    }

    public Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default) =>
        Client.DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken);

    public async Task<ReceivedMessage> SetVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var receipt = (await Client.UpdateMessageAsync(message.Id, message.PopReceipt, (string?)null, visibilityTimeout, cancellationToken)
            .ConfigureAwait(false)).Value;
        return message with { PopReceipt = receipt.PopReceipt };
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }
}
