namespace Pangy.Core.Formats.Layout.Bandage;

/// <summary>One node of a Bandage layout: a segment and its polyline (the first point is its start, the last its end).</summary>
public readonly record struct BandageNode(long SegmentId, IReadOnlyList<LayoutPoint> Points);
