namespace Pangy.Core.Query;

/// <summary>An export selection resolved (the reference's <c>resolve_export_subgraph</c>): segments, links and path runs.</summary>
public sealed class ExportSubgraph
{
    /// <summary>Segments in ascending id order; a segment's compacted id is its position + 1.</summary>
    public required List<SegmentRow> Segments { get; init; }
    /// <summary>Link indices whose both ends are selected, deduplicated.</summary>
    public required List<uint> Links { get; init; }
    /// <summary>Each run of consecutive selected steps of each subpath: its P-line name and combined steps.</summary>
    public required List<(string Name, long[] Steps)> Paths { get; init; }
    /// <summary>Original id → compacted id (1..N in ascending original id order).</summary>
    public required Dictionary<int, int> IdMap { get; init; }
}
