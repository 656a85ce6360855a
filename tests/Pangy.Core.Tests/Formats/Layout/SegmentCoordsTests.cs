using Pangy.Core.Formats.Layout;

namespace Pangy.Core.Tests.Formats.Layout;

public sealed class SegmentCoordsTests
{
    [Fact]
    public void Centroid_sums_in_float32_then_halves()
    {
        float a = 16777216f, b = 1f; // 2^24 + 1 is not a float32: the sum rounds to 2^24 before halving
        Assert.Equal(8388608.0, SegmentCoords.Centroid(a, b));
    }
}
