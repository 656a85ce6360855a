using Pangy.Core.Formats.Json;

namespace Pangy.Core.Tests.Bubbles;

/// <summary>The fingerprint's rounding (decision 7) is Python's <c>round</c>, printed as Python prints a float.</summary>
public sealed class BubbleFingerprintTests
{
    [Theory]
    [InlineData(1075.05468974492, "1075.0547")]
    [InlineData(2.00005, "2.0")]            // below the tie in binary
    [InlineData(-1.00005, "-1.0001")]
    [InlineData(1423.99995, "1423.9999")]
    [InlineData(5e-05, "0.0001")]
    [InlineData(2.5e-05, "0.0")]
    [InlineData(1000.0, "1000.0")]
    [InlineData(1234.56785, "1234.5678")]
    public void Fingerprint_rounds_as_Python(double x, string expected) =>
        Assert.Equal(expected, PyJson.FormatFloat(BubbleFingerprint.PythonRound(x, 4)));

    [Fact]
    public void Fingerprint_rounds_exact_ties_to_even() =>
        Assert.Equal(("0.12", "0.38"), (PyJson.FormatFloat(BubbleFingerprint.PythonRound(0.125, 2)), PyJson.FormatFloat(BubbleFingerprint.PythonRound(0.375, 2))));
}
