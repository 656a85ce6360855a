using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Pangy.Core.Pipeline;

namespace Pangy.Functions.Skeleton.Functions;

/// <summary>One chromosome's skeleton, published with the chromosome in one exchange (<see cref="BuildSkeleton"/>).</summary>
public sealed class BuildSkeletonFunction(PipelineContext context)
{
    [Function(nameof(BuildSkeleton))]
    public Task Run([QueueTrigger(PipelineNames.SkeletonsQueue, Connection = PipelineNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        new BuildSkeleton(context).HandleAsync(message.MessageText, message.DequeueCount, cancellationToken);
}
