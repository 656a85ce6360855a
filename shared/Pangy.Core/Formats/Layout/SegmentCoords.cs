namespace Pangy.Core.Formats.Layout;

/// <summary>A segment's two ends in layout space: (X1, Y1) is its start, (X2, Y2) its end.</summary>
public readonly record struct SegmentCoords(double X1, double Y1, double X2, double Y2)
{
    /// <summary>
    /// A segment centroid coordinate as the reference computes it from the float32 layout: the float32 sum, halved
    /// (exactly) in double precision.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Centroid(float a, float b) => (double)(a + b) / 2.0;
}
