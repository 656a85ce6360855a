namespace Pangy.Infra.Tests;

/// <summary>
/// The deployment's own names that the apps do not define (the pipeline's containers, queues, table and connection
/// are <see cref="Pangy.Core.Pipeline.PipelineNames"/>, which the templates must create as the apps name them).
/// </summary>
public static class PipelineContract
{
    /// <summary>The genome asset bucket's container (Pangy.Azure's <c>AssetBuckets.DefaultContainer</c>).</summary>
    public const string AssetsContainer = "assets";

    /// <summary>Where every app mounts the datastore share (the apps read it from <c>PANGY_DATASTORE</c>).</summary>
    public const string DatastoreMountPath = "/mounts/datastore";
}
