using Pangy.Http.Responses;

namespace Pangy.Http.Routes;

/// <summary>
/// The reference's page routes. Pangy serves no viewer of its own: <c>/</c> answers a short page that points at the
/// API, <c>/simplify</c> redirects to it as the reference does, and <c>/debug-log</c> (developer-only in the
/// reference) is always 404.
/// </summary>
public static class ViewerRoutes
{
    /// <summary>GET /.</summary>
    public static IResult Index(QueryServer server, HttpRequest request)
    {
        string b = server.Options.RoutePrefix.TrimEnd('/');
        return Results.Content($"""
            <!doctype html><html><head><meta charset="utf-8"><title>Pangy</title></head><body>
            <h1>Pangy query API</h1>
            <p>Datasets: <a href="{b}/datasets">{b}/datasets</a> · API description: <a href="{b}/openapi.json">{b}/openapi.json</a></p>
            </body></html>
            """, "text/html; charset=utf-8");
    }

    /// <summary>GET /simplify → 301 /.</summary>
    public static IResult Simplify(QueryServer server, HttpRequest request) =>
        Results.Redirect(server.Options.RoutePrefix.TrimEnd('/') + "/", permanent: true);

    /// <summary>POST /debug-log: never enabled.</summary>
    public static IResult DebugLog(HttpRequest request) => ErrorResponses.Error(404, "debug logging is not enabled");
}
