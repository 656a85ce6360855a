namespace Pangy.Core.Formats.Layout.Bandage;

/// <summary>A point of a layout polyline.</summary>
public readonly record struct LayoutPoint(double X, double Y);
