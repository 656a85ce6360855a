using Pangy.Http.Responses;

namespace Pangy.Http.Routes;

/// <summary>
/// The reference's page routes. <c>/</c> is Pangy's web console (<see cref="ConsoleFiles"/>, docs/console.md), not
/// the reference's viewer; <c>/simplify</c> redirects to it as the reference does, and <c>/debug-log</c> (developer-only
/// in the reference) is always 404.
/// </summary>
public static class ViewerRoutes
{
    /// <summary>GET /simplify → 301 /.</summary>
    public static IResult Simplify(QueryServer server, HttpRequest request) =>
        Results.Redirect(server.Options.RoutePrefix.TrimEnd('/') + "/", permanent: true);

    /// <summary>POST /debug-log: never enabled.</summary>
    public static IResult DebugLog(HttpRequest request) => ErrorResponses.Error(404, "debug logging is not enabled");
}
