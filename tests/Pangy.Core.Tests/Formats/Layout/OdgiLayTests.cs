using System.Buffers.Binary;
using System.Globalization;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Layout;
using Pangy.Core.Formats.Layout.OdgiLay;
using Pangy.Core.Formats.Layout.OdgiTsv;
using static Pangy.Core.Tests.Formats.Layout.LayoutTestFiles;

namespace Pangy.Core.Tests.Formats.Layout;

public class OdgiLayTests
{
    [Fact]
    public void Real_lay_decodes_to_300_segments()
    {
        LayoutTable t = OdgiLayReader.ReadFile(RealLay);
        Assert.Equal(LayoutFormat.OdgiBinary, t.Format);
        Assert.Equal(LayoutKind.Positional, t.Kind);
        Assert.Equal(300, t.Count);
        SegmentCoords first = t.GetPositional(0);
        Assert.Equal("-47.62044649018139", first.X1.ToString("G16", CultureInfo.InvariantCulture));
        Assert.Equal("-140.8161053452253", first.Y1.ToString("G16", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Real_lay_is_its_tsv_to_the_16_digits_odgi_prints()
    {
        // odgi writes the TSV from the same doubles with setprecision(16), so the .lay's values printed with 16
        // significant digits are the TSV's text, every one. As doubles they are equal only where 16 digits happen to
        // round-trip: 616 of the 1200, the rest are within 5.1e-16 relative (one or two ulps).
        LayoutTable lay = OdgiLayReader.ReadFile(RealLay);
        LayoutTable tsv = OdgiTsvReader.ReadFile(RealLayTsv);
        string[] rows = File.ReadAllLines(RealLayTsv);
        Assert.Equal(tsv.Count, lay.Count);
        int equal = 0;
        for (int k = 0; k < lay.Count; k++)
        {
            SegmentCoords a = lay.GetPositional(k), b = tsv.GetPositional(k);
            double[] av = [a.X1, a.Y1, a.X2, a.Y2], bv = [b.X1, b.Y1, b.X2, b.Y2];
            for (int j = 0; j < 4; j++)
            {
                string text = rows[1 + 2 * k + j / 2].Split('\t')[1 + j % 2];
                Assert.Equal(text, av[j].ToString("G16", CultureInfo.InvariantCulture));
                Assert.True(Math.Abs(av[j] - bv[j]) <= Math.Abs(av[j]) * 6e-16, $"segment {k} value {j}: {av[j]:R} vs {bv[j]:R}");
                if (av[j] == bv[j]) equal++;
            }
        }
        Assert.Equal(616, equal);
    }

    [Fact]
    public void Writing_the_real_lay_again_gives_the_same_bytes()
    {
        // odgi's own file: our encoder reproduces sdsl's codes, sample pointers and sample width exactly.
        byte[] original = File.ReadAllBytes(RealLay);
        var written = new MemoryStream();
        OdgiLayWriter.Write(written, OdgiLayReader.ReadFile(RealLay));
        Assert.Equal(original, written.ToArray());

        var fromSpan = new MemoryStream();
        var segments = new SegmentCoords[300];
        OdgiLayReader.ReadFile(RealLay).CopyPositionalTo(segments);
        OdgiLayWriter.Write(fromSpan, segments);
        Assert.Equal(original, fromSpan.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(1000)]
    [InlineData(70_000)] // 280 000 values: more than one storage block
    public void Round_trip_gives_back_coord_minus_min_plus_min(int segments)
    {
        var random = new Random(segments);
        var coords = new SegmentCoords[segments];
        for (int k = 0; k < segments; k++)
            coords[k] = new SegmentCoords(Next(random), Next(random), Next(random), Next(random));
        double min = coords.Min(c => Math.Min(Math.Min(c.X1, c.Y1), Math.Min(c.X2, c.Y2)));

        LayoutTable t = WriteAndRead(coords);
        Assert.Equal(segments, t.Count);
        for (int k = 0; k < segments; k++)
        {
            SegmentCoords c = coords[k];
            Assert.Equal(new SegmentCoords(c.X1 - min + min, c.Y1 - min + min, c.X2 - min + min, c.Y2 - min + min), t.GetPositional(k));
        }
    }

    [Fact]
    public void Round_trip_is_exact_for_integral_coordinates_and_equal_neighbours()
    {
        // Equal neighbours make a zero delta, which Elias delta stores in its longest (len 65) form.
        var coords = new SegmentCoords[300];
        for (int k = 0; k < coords.Length; k++)
            coords[k] = k % 3 == 0 ? new SegmentCoords(5, 5, 5, 5) : new SegmentCoords(k * 10, -k, k * 10 + 7, -k);
        LayoutTable t = WriteAndRead(coords);
        for (int k = 0; k < coords.Length; k++) Assert.Equal(coords[k], t.GetPositional(k));
    }

    [Fact]
    public void Empty_layout_round_trips()
    {
        var ms = new MemoryStream();
        OdgiLayWriter.Write(ms, ReadOnlySpan<SegmentCoords>.Empty);
        Assert.Equal(8 + 8 + 9 + 9, ms.Length);
        Assert.Equal(LayoutFormat.OdgiBinary, LayoutReader.Sniff(ms.ToArray()));
        Assert.Equal(0, LayoutReader.Read(new MemoryStream(ms.ToArray()), "empty.lay").Count);
    }

    [Fact]
    public void Writer_refuses_non_finite_coordinates()
    {
        Assert.Throws<ArgumentException>(() => OdgiLayWriter.Write(new MemoryStream(), [new SegmentCoords(0, double.NaN, 1, 1)]));
    }

    [Fact]
    public void Every_truncation_of_the_real_lay_is_bad_input()
    {
        byte[] data = File.ReadAllBytes(RealLay);
        for (int length = 0; length < data.Length; length++)
        {
            var e = Assert.Throws<BadInputException>(() => OdgiLayReader.Read(new MemoryStream(data, 0, length), "cut.lay"));
            Assert.Equal("cut.lay", e.File);
            Assert.Null(e.Line);
        }
    }

    [Fact]
    public void Trailing_bytes_are_ignored_as_odgi_ignores_them()
    {
        byte[] data = [.. File.ReadAllBytes(RealLay), 1, 2, 3];
        Assert.Equal(300, OdgiLayReader.Read(new MemoryStream(data), "x.lay").Count);
    }

    [Fact]
    public void A_count_that_is_not_four_per_segment_is_bad_input()
    {
        byte[] data = File.ReadAllBytes(RealLay);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(8), 1201);
        var e = Assert.Throws<BadInputException>(() => OdgiLayReader.Read(new MemoryStream(data), "x.lay"));
        Assert.Contains("not a multiple of 4", e.Reason);
    }

    [Fact]
    public void A_count_larger_than_the_deltas_allow_is_bad_input()
    {
        byte[] data = File.ReadAllBytes(RealLay);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(8), 1UL << 40);
        var e = Assert.Throws<BadInputException>(() => OdgiLayReader.Read(new MemoryStream(data), "x.lay"));
        Assert.Contains("does not fit a delta stream", e.Reason);
    }

    [Fact]
    public void A_wrong_sample_pointer_is_bad_input()
    {
        byte[] data = File.ReadAllBytes(RealLay);
        long zBits = (long)BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(16));
        int sampleVector = 8 + 8 + 9 + (int)((zBits + 63) / 64 * 8);
        int width = data[sampleVector + 8];
        int words = sampleVector + 9;
        long bit = 3L * width; // entry 3: the pointer of sample 1
        data[words + bit / 8] ^= (byte)(1 << (int)(bit % 8));
        var e = Assert.Throws<BadInputException>(() => OdgiLayReader.Read(new MemoryStream(data), "x.lay"));
        Assert.Contains("sample 1 points at bit", e.Reason);
    }

    [Fact]
    public void A_lay_whose_min_value_starts_with_a_brace_is_still_binary()
    {
        // The reference's chrX case: min_value -4010694.31 encodes as 7b 14 ae 27 …, and 0x7b is '{'.
        var ms = new MemoryStream();
        OdgiLayWriter.Write(ms, [new SegmentCoords(-4010694.31, 0, 12.5, 3), new SegmentCoords(1, 2, 3, 4)]);
        byte[] data = ms.ToArray();
        Assert.Equal((byte)'{', data[0]);
        Assert.Equal(LayoutFormat.OdgiBinary, LayoutReader.Sniff(data));
        LayoutTable t = LayoutReader.Read(new MemoryStream(data), "chrX.lay");
        Assert.Equal(LayoutFormat.OdgiBinary, t.Format);
        Assert.Equal(new SegmentCoords(-4010694.31, 0, 12.5, 3), t.GetPositional(0));
    }

    private static double Next(Random random) => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 8));

    private static LayoutTable WriteAndRead(SegmentCoords[] coords)
    {
        var ms = new MemoryStream();
        OdgiLayWriter.Write(ms, coords);
        return OdgiLayReader.Read(new TrickleStream(ms.ToArray(), 100_003, 5, 8191), "round.lay");
    }
}
