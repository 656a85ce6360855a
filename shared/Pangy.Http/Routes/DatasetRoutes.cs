using Pangy.Core.Pipeline;
using Pangy.Core.Query;
using Pangy.Http.Responses;

namespace Pangy.Http.Routes;

/// <summary>Pangy's own routes about the datastore: <c>/datasets</c>, a dataset's pipeline status and <c>/health</c>.</summary>
public static class DatasetRoutes
{
    /// <summary>GET /datasets.</summary>
    public static async Task<IResult> Datasets(QueryServer server, HttpRequest request) =>
        new JsonQueryResult(DatasetStatus.Describe(server.Datastore, await PipelineStatusQuery.AllAsync(server.Status, request.HttpContext.RequestAborted)));

    /// <summary>GET /datasets/{db}/status.</summary>
    public static async Task<IResult> Status(QueryServer server, HttpRequest request, string db) =>
        await PipelineStatusQuery.DatasetAsync(server.Status, db, request.HttpContext.RequestAborted) is { } report
            ? new JsonQueryResult(report)
            : Results.Json(new { error = $"the pipeline has no status for dataset '{QueryDatastore.Printable(db)}'" }, statusCode: 404);

    /// <summary>GET /health.</summary>
    public static IResult Health(HttpRequest request) => Results.Json(new { app = "Query", status = "ok" });
}
