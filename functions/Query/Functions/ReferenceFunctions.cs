namespace Pangy.Functions.Query.Functions;

/// <summary>Chromosome lists, cytobands, samples and genes (<see cref="ReferenceRoutes"/>).</summary>
public sealed class ReferenceFunctions(QueryServer server)
{
    [Function("Chromosomes")]
    public IResult Chromosomes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chromosomes")] HttpRequest request) =>
        ReferenceRoutes.Chromosomes(server, request);

    [Function("Cytoband")]
    public IResult Cytoband([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cytoband")] HttpRequest request) =>
        ReferenceRoutes.Cytoband(server, request);

    [Function("Samples")]
    public IResult Samples([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "samples")] HttpRequest request) =>
        ReferenceRoutes.Samples(server, request);

    [Function("Genes")]
    public IResult Genes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "genes")] HttpRequest request) =>
        ReferenceRoutes.Genes(server, request);

    [Function("Search")]
    public IResult Search([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "search")] HttpRequest request) =>
        ReferenceRoutes.Search(server, request);

    [Function("Gene")]
    public IResult Gene([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "gene")] HttpRequest request) =>
        ReferenceRoutes.Gene(server, request);
}
