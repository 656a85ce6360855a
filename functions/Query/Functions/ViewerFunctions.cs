namespace Pangy.Functions.Query.Functions;

/// <summary>The reference's page routes: <c>/</c> and <c>/console/{file}</c> are the web console (<see cref="ConsoleFiles"/>).</summary>
public sealed class ViewerFunctions(QueryServer server)
{
    /// <summary>
    /// GET /: the console's page. The Functions host refuses an empty route template, so the root is an optional
    /// parameter that can only be empty (with <c>routePrefix</c> "" and <c>AzureWebJobsDisableHomepage</c> set, the
    /// site root reaches it).
    /// </summary>
    [Function("Index")]
    public async Task<IResult> Index([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RootRoute)] HttpRequest request)
    {
        await ConsoleFiles.ServeAsync(request.HttpContext, ConsoleFiles.IndexFile);
        return Results.Empty;
    }

    /// <summary>GET /console/{file}: one of the console's embedded files (it writes the answer itself).</summary>
    [Function("ConsoleFile")]
    public async Task<IResult> ConsoleFile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{file}")] HttpRequest request, string file)
    {
        await ConsoleFiles.ServeAsync(request.HttpContext, file);
        return Results.Empty;
    }

    [Function("Simplify")]
    public IResult Simplify([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "simplify")] HttpRequest request) =>
        ViewerRoutes.Simplify(server, request);

    [Function("DebugLog")]
    public IResult DebugLog([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "debug-log")] HttpRequest request) =>
        ViewerRoutes.DebugLog(request);

    /// <summary>The route template that matches the site root only.</summary>
    internal const string RootRoute = "{root:maxlength(0)?}";
}
