using Pangy.Http;
using Pangy.Functions.Query.Http;

namespace Pangy.Functions.Query.Endpoints;

/// <summary>
/// The reference's page routes. <c>/</c> is Pangy's web console (<see cref="ConsoleFiles"/>, docs/console.md), not
/// the reference's viewer; <c>/simplify</c> redirects to it as the reference does, and <c>/debug-log</c> (developer-only
/// in the reference) is always 404.
/// </summary>
public static class ViewerApi
{
    public static IEndpointRouteBuilder MapViewerApi(this IEndpointRouteBuilder routes)
    {
        routes.MapConsole();
        routes.MapGet("/simplify", Simplify).ExcludeFromDescription();
        routes.MapPost("/debug-log", DebugLog).ExcludeFromDescription();
        return routes;
    }

    /// <summary>GET /simplify → 301 /.</summary>
    public static IResult Simplify(QueryServer server, CancellationToken cancellationToken) =>
        Results.Redirect(server.Options.RoutePrefix.TrimEnd('/') + "/", permanent: true);

    /// <summary>POST /debug-log: never enabled.</summary>
    public static IResult DebugLog(CancellationToken cancellationToken) => ErrorResponses.Error(404, "debug logging is not enabled");
}
