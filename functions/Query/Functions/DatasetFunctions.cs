namespace Pangy.Functions.Query.Functions;

/// <summary>Pangy's own routes about the datastore (<see cref="DatasetRoutes"/>).</summary>
public sealed class DatasetFunctions(QueryServer server)
{
    [Function("Datasets")]
    public Task<IResult> Datasets([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets")] HttpRequest request) =>
        DatasetRoutes.Datasets(server, request);

    [Function("DatasetStatus")]
    public Task<IResult> Status([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "datasets/{db}/status")] HttpRequest request, string db) =>
        DatasetRoutes.Status(server, request, db);

    [Function("Health")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        DatasetRoutes.Health(request);
}
