namespace Pangy.Core.Pipeline;

/// <summary>
/// The pipeline contract's names, in one place: containers, queues, the status table, the storage connection and
/// the app settings. The Function apps' bindings, the Bicep templates and <c>pangy up</c> all use these.
/// </summary>
public static class PipelineNames
{
    /// <summary>The container a lab uploads its inputs to.</summary>
    public const string UploadsContainer = "uploads";

    /// <summary>Event Grid <c>Microsoft.Storage.BlobCreated</c> events for <see cref="UploadsContainer"/>.</summary>
    public const string UploadsQueue = "pangy-uploads";

    /// <summary>Build one chromosome (<see cref="BuildMessage"/>).</summary>
    public const string BuildsQueue = "pangy-builds";

    /// <summary>Draw one chromosome's skeleton (<see cref="SkeletonMessage"/>).</summary>
    public const string SkeletonsQueue = "pangy-skeletons";

    /// <summary>Import one annotation set (<see cref="AnnotationMessage"/>).</summary>
    public const string AnnotationsQueue = "pangy-annotations";

    /// <summary>The status table (one row per status document).</summary>
    public const string StatusTable = "pangystatus";

    /// <summary>The connection name of every storage binding and client (<c>PangyStorage</c> or <c>PangyStorage__*</c>).</summary>
    public const string Connection = "PangyStorage";

    /// <summary>App setting: the datastore root (the mounted Azure Files share in Azure, a folder locally).</summary>
    public const string DatastoreSetting = "PANGY_DATASTORE";

    /// <summary>The queue-trigger retries before a message moves to its poison queue (host.json <c>maxDequeueCount</c>).</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>Every queue the pipeline reads, in flow order.</summary>
    public static IReadOnlyList<string> Queues { get; } = [UploadsQueue, BuildsQueue, SkeletonsQueue, AnnotationsQueue];

    /// <summary>Where the Functions host moves a message that failed <see cref="MaxDequeueCount"/> times.</summary>
    public static string PoisonQueue(string queue) => queue + "-poison";
}
