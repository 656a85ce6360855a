namespace Pangy.Functions.Query.Functions;

/// <summary>The stored-file routes (<see cref="SkeletonFileRoutes"/>).</summary>
public sealed class SkeletonFileFunctions(QueryServer server)
{
    [Function("Skeleton")]
    public IResult Skeleton([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "skeleton")] HttpRequest request) =>
        SkeletonFileRoutes.Skeleton(server, request);

    [Function("SkeletonBin")]
    public IResult SkeletonBin([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "skeleton-bin")] HttpRequest request) =>
        SkeletonFileRoutes.SkeletonBin(server, request);

    [Function("Spine")]
    public IResult Spine([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "spine")] HttpRequest request) =>
        SkeletonFileRoutes.Spine(server, request);

    [Function("PolychainData")]
    public IResult PolychainData([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "polychain-data")] HttpRequest request) =>
        SkeletonFileRoutes.PolychainData(server, request);

    [Function("GraphMeta")]
    public IResult GraphMeta([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "graph-meta")] HttpRequest request) =>
        SkeletonFileRoutes.GraphMeta(server, request);
}
