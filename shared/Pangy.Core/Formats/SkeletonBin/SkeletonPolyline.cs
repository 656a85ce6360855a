namespace Pangy.Core.Formats.SkeletonBin;

/// <summary>One decoded polyline of a skeleton level: its chain and its points in layout units (multiples of the cell).</summary>
public sealed record SkeletonPolyline(int ChainId, (long X, long Y)[] Points);
