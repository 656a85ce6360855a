namespace Pangy.Functions.Query.Functions;

/// <summary>Haplotype paths (<see cref="PathRoutes"/>).</summary>
public sealed class PathFunctions(QueryServer server)
{
    [Function("PathOrder")]
    public IResult PathOrder([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pathorder")] HttpRequest request) =>
        PathRoutes.PathOrder(server, request);

    [Function("PathMeta")]
    public IResult PathMeta([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "path-meta")] HttpRequest request) =>
        PathRoutes.PathMeta(server, request);

    [Function("PathData")]
    public IResult PathData([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "path-data")] HttpRequest request) =>
        PathRoutes.PathData(server, request);
}
