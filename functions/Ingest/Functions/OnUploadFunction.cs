using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Pangy.Core.Pipeline;

namespace Pangy.Functions.Ingest.Functions;

/// <summary>Event Grid BlobCreated events of the uploads container → status and build messages (<see cref="OnUpload"/>).</summary>
public sealed class OnUploadFunction(PipelineContext context)
{
    [Function(nameof(OnUpload))]
    public Task Run([QueueTrigger(PipelineNames.UploadsQueue, Connection = PipelineNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        new OnUpload(context).HandleAsync(message.MessageText, cancellationToken);
}
