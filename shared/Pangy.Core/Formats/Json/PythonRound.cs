using System.Runtime.CompilerServices;

namespace Pangy.Core.Formats.Json;

/// <summary>
/// The two ways the reference rounds floats, reproduced exactly: Python's <c>round(x, n)</c> (the exact binary value
/// rounded half-to-even at n decimals) and numpy's <c>np.round(x, n)</c> (scale, <c>rint</c>, unscale), which differ on
/// values whose scaled form is not exact.
/// </summary>
public static class PythonRound
{
    private static readonly double[] Pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    private const double TwoPow52 = 4503599627370496.0;

    /// <summary>Python's <c>round(x, digits)</c> for a float, 0 ≤ digits ≤ 15.</summary>
    public static double Round(double x, int digits)
    {
        if (!double.IsFinite(x) || x == 0) return x;
        double p = Pow10[digits];
        double s = x * p;
        // Beyond 2^52 the scaled value is an integer already: nothing is rounded away.
        if (Math.Abs(s) >= TwoPow52) return x;
        // x*p = s + err exactly (p is exact, so the FMA gives the rounding error of the product).
        double err = Math.FusedMultiplyAdd(x, p, -s);
        double floor = Math.Floor(s);
        double d = (s - floor - 0.5) + err; // the sign of this is the sign of (exact fraction - 1/2)
        double q;
        if (d < 0) q = floor;
        else if (d > 0) q = floor + 1;
        else q = Math.IEEERemainder(floor, 2) == 0 ? floor : floor + 1;
        // Python reads the decimal back; q/p is the correctly rounded quotient of two exact values, the same double.
        double r = q / p;
        return r == 0 && x < 0 ? -0.0 : r;
    }

    /// <summary>numpy's <c>np.round(x, digits)</c> for a float64: <c>rint(x * 10**digits) / 10**digits</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NumpyRound(double x, int digits)
    {
        double p = Pow10[digits];
        return Math.Round(x * p, MidpointRounding.ToEven) / p;
    }
}
