namespace Pangy.Infra.Tests;

/// <summary>
/// The routes the Query app must serve (docs/query-api.md: the reference's, and the dataset list). The pipeline's
/// <c>datasets/{db}/status</c> joins them when the Query app serves it (not yet on the queryapp branch).
/// </summary>
public static class QueryRoutes
{
    public static IReadOnlyList<string> Required { get; } =
    [
        .. new[]
        {
            "chromosomes", "cytoband", "samples", "genes", "search", "skeleton", "skeleton-bin", "spine", "polychain-data",
            "graph-meta", "detail-tiles", "chain-graph", "bubble-meta", "select", "pop", "path-meta", "path-data", "pathorder",
            "datasets",
        }.Select(r => "GET " + r),
        .. new[] { "bubble-meta-batch", "gfa", "layout" }.Select(r => "POST " + r),
    ];
}
