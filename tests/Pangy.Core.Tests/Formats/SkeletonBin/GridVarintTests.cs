using Pangy.Core.Formats.SkeletonBin;

namespace Pangy.Core.Tests.Formats.SkeletonBin;

/// <summary>The grid-varint level codec (§7.3) on its own.</summary>
public sealed class GridVarintTests
{
    [Fact]
    public void Level_bytes_are_the_documented_streams()
    {
        // The reference's own example (test_skeleton_binary.py), cell 100: two polylines, chains 5 and -1,
        // (200,300) (300,100) (300,200) and (-400,500) (-200,500).
        var w = new GridVarintLevelWriter();
        w.Add([(2, 3), (3, 1), (3, 2)], 5);
        w.Add([(-4, 5), (-2, 5)], -1);
        using var ms = new MemoryStream();
        Assert.Equal(14, w.WriteTo(ms));
        // counts-2: 1, 0 | chain deltas zigzagged: +5 → 10, -6 → 11 | coords: 2,3 +1,-2 +0,+1 | -4,5 +2,0
        Assert.Equal(new byte[] { 0x01, 0x00, 0x0a, 0x0b, 0x04, 0x06, 0x02, 0x03, 0x00, 0x02, 0x07, 0x0a, 0x04, 0x00 }, ms.ToArray());
        Assert.Equal((2, 5L), (w.Polylines, w.Points));

        var back = GridVarintReader.DecodeLevel(ms.ToArray(), 2, 100);
        Assert.Equal([5, -1], back.Select(p => p.ChainId));
        Assert.Equal([(200L, 300L), (300L, 100L), (300L, 200L)], back[0].Points);
        Assert.Equal([(-400L, 500L), (-200L, 500L)], back[1].Points);
    }

    [Fact]
    public void An_empty_level_is_zero_bytes()
    {
        var w = new GridVarintLevelWriter();
        using var ms = new MemoryStream();
        Assert.Equal(0, w.WriteTo(ms));
        Assert.Empty(ms.ToArray());
        Assert.Empty(GridVarintReader.DecodeLevel([], 0, 25));
    }

    [Fact]
    public void Random_levels_round_trip_including_multi_byte_varints()
    {
        var rng = new Random(12345);
        for (int round = 0; round < 20; round++)
        {
            long cell = 25L << rng.Next(0, 11);
            var polylines = new List<(int Chain, (long X, long Y)[] Points)>();
            int n = rng.Next(0, 300);
            for (int i = 0; i < n; i++)
            {
                var pts = new (long, long)[rng.Next(2, 40)];
                long x = rng.Next(-3_000_000, 3_000_000), y = rng.Next(-3_000_000, 3_000_000);
                for (int k = 0; k < pts.Length; k++)
                {
                    pts[k] = (x, y);
                    x += rng.Next(-100_000, 100_000);
                    y += rng.Next(-100_000, 100_000);
                }
                polylines.Add((rng.Next(-1, 5000), pts));
            }
            var w = new GridVarintLevelWriter();
            foreach (var (c, pts) in polylines) w.Add(pts, c);
            using var ms = new MemoryStream();
            long len = w.WriteTo(ms);
            Assert.Equal(ms.Length, len);
            var back = GridVarintReader.DecodeLevel(ms.ToArray(), n, cell);
            Assert.Equal(n, back.Count);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(polylines[i].Chain, back[i].ChainId);
                Assert.Equal(polylines[i].Points.Select(p => (p.X * cell, p.Y * cell)), back[i].Points);
            }
        }
    }

    [Fact]
    public void Truncated_or_padded_levels_are_rejected()
    {
        var w = new GridVarintLevelWriter();
        w.Add([(1, 1), (1000, -1000)], 7);
        using var ms = new MemoryStream();
        w.WriteTo(ms);
        byte[] bytes = ms.ToArray();
        Assert.Throws<InvalidDataException>(() => GridVarintReader.DecodeLevel(bytes.AsSpan(0, bytes.Length - 1), 1, 100));
        Assert.Throws<InvalidDataException>(() => GridVarintReader.DecodeLevel([.. bytes, 0], 1, 100));
        Assert.Throws<ArgumentException>(() => w.Add([(1, 1)], 0));
    }
}
