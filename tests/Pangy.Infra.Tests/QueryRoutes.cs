namespace Pangy.Infra.Tests;

/// <summary>
/// The routes the Query app must serve (docs/query-api.md: the reference's, the dataset list and the pipeline's status
/// of a dataset).
/// </summary>
public static class QueryRoutes
{
    public static IReadOnlyList<string> Required { get; } =
    [
        .. new[]
        {
            "chromosomes", "cytoband", "samples", "genes", "search", "skeleton", "skeleton-bin", "spine", "polychain-data",
            "graph-meta", "detail-tiles", "chain-graph", "bubble-meta", "select", "pop", "path-meta", "path-data", "pathorder",
            "datasets", "datasets/{db}/status",
        }.Select(r => "GET " + r),
        .. new[] { "bubble-meta-batch", "gfa", "layout" }.Select(r => "POST " + r),
    ];
}
