namespace Pangy.Infra.Tests;

/// <summary>
/// The pipeline contract as the deployment must honour it (the pipeline issue; HELPERS "The pipeline contract"):
/// names the apps use and the templates must create.
/// </summary>
public static class PipelineContract
{
    public const string UploadsContainer = "uploads";
    public const string AssetsContainer = "assets";
    public const string UploadsQueue = "pangy-uploads";
    public const string BuildsQueue = "pangy-builds";
    public const string SkeletonsQueue = "pangy-skeletons";
    public const string AnnotationsQueue = "pangy-annotations";
    public const string StatusTable = "pangystatus";
    public const string Connection = "PangyStorage";
    public const string DatastoreMountPath = "/mounts/datastore";

    public static IReadOnlyList<string> Queues { get; } = [UploadsQueue, BuildsQueue, SkeletonsQueue, AnnotationsQueue];

    public static string PoisonQueue(string queue) => queue + "-poison";
}
