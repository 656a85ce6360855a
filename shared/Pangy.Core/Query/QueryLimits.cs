namespace Pangy.Core.Query;

/// <summary>
/// How much one request may ask for. Requests over a limit are refused up front (413) instead of being answered
/// slowly or exhausting memory; the defaults are far above what the browser client asks for.
/// </summary>
public sealed record QueryLimits
{
    /// <summary>/select: segments the top-level bubbles of the region may hold (the reference's MAX_REGION_SEGMENTS).</summary>
    public int MaxSelectSegments { get; init; } = 50_000;

    /// <summary>/select and region /path-data: top-level bubble index entries a step range may cover before any bubble is read.</summary>
    public int MaxRegionIndexEntries { get; init; } = 200_000;

    /// <summary>Region /path-data: segments the region may resolve to.</summary>
    public int MaxRegionSegments { get; init; } = 2_000_000;

    /// <summary>/pop, /chain-graph: segments a popped bubble or chain subgraph may hold.</summary>
    public int MaxSubgraphSegments { get; init; } = 200_000;

    /// <summary>/detail-tiles: chain entries one tile may return.</summary>
    public int MaxTileChains { get; init; } = 50_000;

    /// <summary>/bubble-meta-batch: chain ids per request.</summary>
    public int MaxBatchChains { get; init; } = 2_000;

    /// <summary>/bubble-meta and the batch: bubbles one chain (or batch) may list.</summary>
    public int MaxBubbleMetaBubbles { get; init; } = 500_000;

    /// <summary>/chain-graph: explicit bubble ids of a connector request.</summary>
    public int MaxConnectorBubbles { get; init; } = 50_000;

    /// <summary>/gfa and /layout: bubble plus segment ids in the selection, and segments it may resolve to.</summary>
    public int MaxExportSelection { get; init; } = 100_000;

    /// <summary>/gfa and /layout: segments the selection may resolve to.</summary>
    public int MaxExportSegments { get; init; } = 500_000;

    /// <summary>
    /// Compressed /select requests a chromosome answers uncompressed before its fragments are prepared (the one-time
    /// scan of bubbles.db, see <see cref="SelectFragments.IsReady"/>). A cold instance's first answers should not wait
    /// behind a scan of hundreds of MB from the share; a chromosome in steady use pays it once, early.
    /// </summary>
    public int SelectFragmentsAfterRequests { get; init; } = 8;
}
