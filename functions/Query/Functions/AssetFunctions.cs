namespace Pangy.Functions.Query.Functions;

/// <summary>Genome assets: the bucket's files, sequences and sequence sizes (<see cref="AssetRoutes"/>).</summary>
public sealed class AssetFunctions(QueryServer server)
{
    [Function("Assets")]
    public Task<IResult> Assets([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets")] HttpRequest request) =>
        AssetRoutes.Assets(server, request);

    [Function("Sequence")]
    public Task<IResult> Sequence([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sequence")] HttpRequest request) =>
        AssetRoutes.Sequence(server, request);

    [Function("ChromSizes")]
    public Task<IResult> ChromSizes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chrom-sizes")] HttpRequest request) =>
        AssetRoutes.ChromSizes(server, request);
}
