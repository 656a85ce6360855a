using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Pangy.Core.Pipeline;

namespace Pangy.Functions.Ingest.Functions;

/// <summary>One annotation set's import and publish (<see cref="BuildAnnotations"/>).</summary>
public sealed class BuildAnnotationsFunction(PipelineContext context)
{
    [Function(nameof(BuildAnnotations))]
    public Task Run([QueueTrigger(PipelineNames.AnnotationsQueue, Connection = PipelineNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        new BuildAnnotations(context).HandleAsync(message.MessageText, message.DequeueCount, cancellationToken);
}
