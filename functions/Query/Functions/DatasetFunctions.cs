namespace Pangy.Functions.Query.Functions;

/// <summary>Pangy's own routes about the datastore (<see cref="DatasetRoutes"/>).</summary>
public sealed class DatasetFunctions(QueryServer server)
{
    [Function("Datasets")]
    public IResult Datasets([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets")] HttpRequest request) =>
        DatasetRoutes.Datasets(server, request);

    [Function("Health")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        DatasetRoutes.Health(request);
}
