namespace Pangy.Core.Pipeline;

/// <summary>The Core handlers as the queue functions of each pipeline queue (what <c>pangy up</c> dispatches).</summary>
public static class PipelineFunctions
{
    public static IReadOnlyDictionary<string, Func<ReceivedMessage, CancellationToken, Task>> Of(PipelineContext context)
    {
        var onUpload = new OnUpload(context);
        var build = new BuildChromosome(context);
        var skeleton = new BuildSkeleton(context);
        var annotations = new BuildAnnotations(context);
        return new Dictionary<string, Func<ReceivedMessage, CancellationToken, Task>>
        {
            [PipelineNames.UploadsQueue] = (m, ct) => onUpload.HandleAsync(m.Text, ct),
            [PipelineNames.BuildsQueue] = (m, ct) => build.HandleAsync(m.Text, m.DequeueCount, ct),
            [PipelineNames.SkeletonsQueue] = (m, ct) => skeleton.HandleAsync(m.Text, m.DequeueCount, ct),
            [PipelineNames.AnnotationsQueue] = (m, ct) => annotations.HandleAsync(m.Text, m.DequeueCount, ct),
        };
    }
}
