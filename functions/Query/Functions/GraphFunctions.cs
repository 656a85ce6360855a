namespace Pangy.Functions.Query.Functions;

/// <summary>Region subgraphs, pops, chain subgraphs, bubble metadata and detail tiles (<see cref="GraphRoutes"/>).</summary>
public sealed class GraphFunctions(QueryServer server)
{
    [Function("Select")]
    public IResult Select([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "select")] HttpRequest request) =>
        GraphRoutes.Select(server, request);

    [Function("Pop")]
    public IResult Pop([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pop")] HttpRequest request) =>
        GraphRoutes.Pop(server, request);

    [Function("ChainGraph")]
    public IResult ChainGraph([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chain-graph")] HttpRequest request) =>
        GraphRoutes.ChainGraph(server, request);

    [Function("BubbleMeta")]
    public IResult BubbleMeta([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bubble-meta")] HttpRequest request) =>
        GraphRoutes.BubbleMeta(server, request);

    [Function("BubbleMetaBatch")]
    public Task<IResult> BubbleMetaBatch([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "bubble-meta-batch")] HttpRequest request) =>
        GraphRoutes.BubbleMetaBatch(server, request);

    [Function("DetailTiles")]
    public IResult DetailTiles([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "detail-tiles")] HttpRequest request) =>
        GraphRoutes.DetailTiles(server, request);
}
