using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pangy.Core.Pipeline;

namespace Pangy.Azure;

/// <summary>The host setup the queue-triggered Function apps (Ingest, Skeleton) share.</summary>
public static class AzurePipelineServices
{
    /// <summary>
    /// Registers the <see cref="PipelineContext"/> their functions take: storage clients from the <c>PangyStorage</c>
    /// settings and <c>PANGY_DATASTORE</c> naming the mounted datastore share (<see cref="AzurePipeline.FromSettings"/>),
    /// read from the app's configuration when first needed.
    /// </summary>
    public static IServiceCollection AddAzurePipelineContext(this IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return AzurePipeline.FromSettings(key => configuration[key]).Context();
        });
}
