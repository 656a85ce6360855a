namespace Pangy.Core.Query;

/// <summary>One row of <c>segments.db</c> (§3.1): float64 coordinates and the sequence.</summary>
public sealed record SegmentRow(int Id, long GcCount, long NCount, long Length, double X1, double Y1, double X2, double Y2, string Seq);
