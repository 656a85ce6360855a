using Pangy.Core.Skeleton;

namespace Pangy.Core.Tests.Skeleton;

/// <summary>The selection median must give exactly what sorting and indexing gave (graph meta's median_link_distance).</summary>
public class FloatMedianTests
{
    private static float BySorting(float[] values)
    {
        var d = (float[])values.Clone();
        Array.Sort(d);
        int n = d.Length;
        return n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2f;
    }

    [Theory]
    [InlineData(new float[] { 5f }, 5f)]
    [InlineData(new float[] { 3f, 1f }, 2f)]
    [InlineData(new float[] { 1f, 2f, 2f, 9f }, 2f)]
    [InlineData(new float[] { 0.1f, 0.2f }, (0.1f + 0.2f) / 2f)]
    [InlineData(new float[] { 7f, 7f, 7f }, 7f)]
    public void Small_lists(float[] values, float expected) =>
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(FloatMedian.Of(values)));

    [Fact]
    public void Agrees_with_sorting_on_random_sorted_and_repetitive_lists()
    {
        var random = new Random(11);
        for (int round = 0; round < 2_000; round++)
        {
            int n = random.Next(1, round < 1_900 ? 200 : 20_000);
            var values = new float[n];
            int distinct = random.Next(1, 6) == 1 ? random.Next(1, 4) : int.MaxValue;
            for (int i = 0; i < n; i++)
                values[i] = distinct == int.MaxValue ? (float)(random.NextDouble() * 1000) : random.Next(distinct) + 0.5f;
            if (round % 7 == 0) Array.Sort(values);
            if (round % 11 == 0) Array.Reverse(values);
            float expected = BySorting(values);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(FloatMedian.Of(values)));
        }
    }

    [Fact]
    public void Select_puts_the_kth_value_in_place_with_nothing_larger_before_it()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 1001).Select(_ => (float)random.Next(100)).ToArray();
        var sorted = values.OrderBy(v => v).ToArray();
        float v = FloatMedian.Select(values, 300);
        Assert.Equal(sorted[300], v);
        Assert.Equal(sorted[300], values[300]);
        Assert.All(values[..300], x => Assert.True(x <= v));
        Assert.All(values[301..], x => Assert.True(x >= v));
    }
}
