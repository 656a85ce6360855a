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
        routes.MapGet("/health", Health).WithName("health").WithSummary("Liveness probe.");
        return routes;
    }

    /// <summary>GET /datasets.</summary>
    public static IResult Datasets(QueryServer server, CancellationToken cancellationToken) =>
        new JsonQueryResult(DatasetStatus.Describe(server.Datastore));

    /// <summary>GET /health.</summary>
    public static IResult Health(CancellationToken cancellationToken) => Results.Json(new { app = "Query", status = "ok" });
}
