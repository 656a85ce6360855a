using Pangy.Core.Query;
using Pangy.Http.Responses;

namespace Pangy.Http.Routes;

/// <summary>Pangy's own routes about the datastore: <c>/datasets</c> and <c>/health</c>.</summary>
public static class DatasetRoutes
{
    /// <summary>GET /datasets.</summary>
    public static IResult Datasets(QueryServer server, HttpRequest request) =>
        new JsonQueryResult(DatasetStatus.Describe(server.Datastore));

    /// <summary>GET /health.</summary>
    public static IResult Health(HttpRequest request) => Results.Json(new { app = "Query", status = "ok" });
}
