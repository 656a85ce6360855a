using Pangy.Core.Formats.Json;
using Pangy.Core.Tests.Bubbles;

namespace Pangy.Core.Tests.Formats.Json;

/// <summary>Python's and numpy's float rounding, which the reference's coordinates and bubble positions go through.</summary>
public sealed class PythonRoundTests
{
    [Theory]
    [InlineData(0.15, 1, 0.1)]      // 0.1499999…: Python rounds the exact binary value
    [InlineData(0.25, 1, 0.2)]      // an exact tie goes to even
    [InlineData(0.35, 1, 0.3)]
    [InlineData(2.675, 2, 2.67)]
    [InlineData(13878.3701171875, 2, 13878.37)]
    [InlineData(1075.0546897449, 1, 1075.1)]
    [InlineData(-2.5, 0, -2.0)]
    [InlineData(-3.5, 0, -4.0)]
    [InlineData(1e17, 1, 1e17)]
    public void Round_is_Pythons(double x, int digits, double expected) => Assert.Equal(expected, PythonRound.Round(x, digits));

    [Fact]
    public void Round_keeps_the_sign_of_a_negative_zero_result() =>
        Assert.True(double.IsNegative(PythonRound.Round(-0.04, 1)) && PythonRound.Round(-0.04, 1) == 0);

    [Fact]
    public void Round_agrees_with_exact_decimal_rounding_on_random_values()
    {
        var rng = new Random(7);
        for (int i = 0; i < 20000; i++)
        {
            double x = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 9));
            // float32-derived values, as layout centroids are, hit exact ties often.
            if (i % 3 == 0) x = (double)(float)x / 2;
            int digits = rng.Next(0, 7);
            Assert.Equal(BubbleFingerprint.PythonRound(x, digits), PythonRound.Round(x, digits));
        }
    }

    [Fact]
    public void NumpyRound_scales_then_rounds_half_to_even()
    {
        Assert.Equal(0.2, PythonRound.NumpyRound(0.15, 1)); // 0.15 * 10 is exactly 1.5 in binary, where Python says 0.1
        Assert.Equal(0.026937, PythonRound.NumpyRound(0.02693749999, 6));
        Assert.Equal(1.0, PythonRound.NumpyRound(0.9999999, 6));
    }

    [Theory]
    [InlineData(1000.0, "1000.0")]
    [InlineData(1075.1, "1075.1")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    public void AppendFloat_is_Pythons_repr(double v, string expected)
    {
        var sb = new System.Text.StringBuilder();
        PyJson.AppendFloat(sb, v);
        Assert.Equal(expected, sb.ToString());
    }
}
