using Pangy.Core.Pipeline;
using Pangy.Core.Query;
using Pangy.Functions.Query.Http;

namespace Pangy.Functions.Query.Endpoints;

/// <summary>Pangy's own routes about the datastore: <c>/datasets</c> and <c>/health</c>.</summary>
public static class DatasetsApi
{
    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/datasets", Datasets).WithName("datasets")
            .WithSummary("Datasets, their chromosomes (reference and build state) and references. Pangy extension.");
        routes.MapGet("/datasets/{db}/status", Status).WithName("dataset-status")
            .WithSummary("The pipeline's status of a dataset: each chromosome's state, inputs, timings, counts and error; uploads that fit no rule. Pangy extension.");
        routes.MapGet("/health", Health).WithName("health").WithSummary("Liveness probe.");
        return routes;
    }

    /// <summary>GET /datasets.</summary>
    public static async Task<IResult> Datasets(QueryServer server, CancellationToken cancellationToken) =>
        new JsonQueryResult(DatasetStatus.Describe(server.Datastore, await PipelineStatusQuery.AllAsync(server.Status, cancellationToken)));

    /// <summary>GET /datasets/{db}/status.</summary>
    public static async Task<IResult> Status(string db, QueryServer server, CancellationToken cancellationToken) =>
        await PipelineStatusQuery.DatasetAsync(server.Status, db, cancellationToken) is { } report
            ? new JsonQueryResult(report)
            : Results.Json(new { error = $"the pipeline has no status for dataset '{QueryDatastore.Printable(db)}'" }, statusCode: 404);

    /// <summary>GET /health.</summary>
    public static IResult Health(CancellationToken cancellationToken) => Results.Json(new { app = "Query", status = "ok" });
}
