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
            : ErrorResponses.Error(StatusCodes.Status404NotFound, $"the pipeline has no status for dataset '{QueryDatastore.Printable(db)}'");

    /// <summary>GET /health.</summary>
    // Written with the JSON writer, not serialized by reflection: a cold instance's first probe then compiles no
    // serializer for an anonymous type (and the route needs no runtime code generation).
    public static IResult Health(HttpRequest request) => new JsonQueryResult(Healthy.Answer);

    private sealed class Healthy : IJsonResult
    {
        public static readonly Healthy Answer = new();

        public void WriteTo(System.Text.Json.Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("app", "Query");
            writer.WriteString("status", "ok");
            writer.WriteEndObject();
        }
    }
}
