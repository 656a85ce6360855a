namespace Pangy.Core.Formats.Layout;

/// <summary>A segment's two ends in layout space: (X1, Y1) is its start, (X2, Y2) its end.</summary>
public readonly record struct SegmentCoords(double X1, double Y1, double X2, double Y2);
