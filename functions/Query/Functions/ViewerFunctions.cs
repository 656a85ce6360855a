namespace Pangy.Functions.Query.Functions;

/// <summary>The reference's page routes (<see cref="ViewerRoutes"/>).</summary>
public sealed class ViewerFunctions(QueryServer server)
{
    /// <summary>
    /// GET /. The Functions host refuses an empty route template, so the root is an optional parameter that can only
    /// be empty (with <c>routePrefix</c> "" and <c>AzureWebJobsDisableHomepage</c> set, the site root reaches it).
    /// </summary>
    [Function("Index")]
    public IResult Index([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RootRoute)] HttpRequest request) =>
        ViewerRoutes.Index(server, request);

    [Function("Simplify")]
    public IResult Simplify([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "simplify")] HttpRequest request) =>
        ViewerRoutes.Simplify(server, request);

    [Function("DebugLog")]
    public IResult DebugLog([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "debug-log")] HttpRequest request) =>
        ViewerRoutes.DebugLog(request);

    /// <summary>The route template that matches the site root only.</summary>
    internal const string RootRoute = "{root:maxlength(0)?}";
}
