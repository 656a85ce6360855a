namespace Pangy.Functions.Query.Functions;

/// <summary>Exports of a selection (<see cref="ExportRoutes"/>).</summary>
public sealed class ExportFunctions(QueryServer server)
{
    [Function("Gfa")]
    public Task<IResult> Gfa([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "gfa")] HttpRequest request) =>
        ExportRoutes.Gfa(server, request);

    [Function("Layout")]
    public Task<IResult> Layout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "layout")] HttpRequest request) =>
        ExportRoutes.Layout(server, request);
}
