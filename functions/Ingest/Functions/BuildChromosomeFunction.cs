using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Pangy.Core.Pipeline;

namespace Pangy.Functions.Ingest.Functions;

/// <summary>One chromosome's graph stages and publish (<see cref="BuildChromosome"/>); the dequeue count tells it its last attempt.</summary>
public sealed class BuildChromosomeFunction(PipelineContext context)
{
    [Function(nameof(BuildChromosome))]
    public Task Run([QueueTrigger(PipelineNames.BuildsQueue, Connection = PipelineNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        new BuildChromosome(context).HandleAsync(message.MessageText, message.DequeueCount, cancellationToken);
}
