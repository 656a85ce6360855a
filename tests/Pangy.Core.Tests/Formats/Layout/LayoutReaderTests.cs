using System.Globalization;
using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Layout;
using Pangy.Core.Formats.Layout.OdgiTsv;
using static Pangy.Core.Tests.Formats.Layout.LayoutTestFiles;

namespace Pangy.Core.Tests.Formats.Layout;

public class LayoutReaderTests
{
    [Theory]
    [InlineData("idx\tX\tY\tcomponent\n0\t1", LayoutFormat.OdgiTsv)]
    [InlineData("{\"1+\": [[1, 2]]}", LayoutFormat.BandageJson)]
    [InlineData(" \r\n\t {\n", LayoutFormat.BandageJson)]
    [InlineData("", LayoutFormat.OdgiTsv)]
    [InlineData("   ", LayoutFormat.OdgiTsv)]
    [InlineData("0123456789abcdef{", LayoutFormat.OdgiTsv)]
    [InlineData("idx\fX", LayoutFormat.OdgiBinary)]   // form feed is outside printable ASCII, tab, LF, CR
    [InlineData("{\u007f", LayoutFormat.OdgiBinary)]
    [InlineData("{\"café\": []}", LayoutFormat.OdgiBinary)] // a non-ASCII byte in the head: binary, as the reference decides
    public void Sniff_follows_the_reference(string head, LayoutFormat expected) =>
        Assert.Equal(expected, LayoutReader.Sniff(Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void Sniff_looks_at_16_bytes_only()
    {
        byte[] head = [.. Encoding.ASCII.GetBytes("idx\tX\tY\tcomponen"), 0xFF];
        Assert.Equal(17, head.Length);
        Assert.Equal(LayoutFormat.OdgiTsv, LayoutReader.Sniff(head));
    }

    [Fact]
    public void Sniff_on_the_fixtures()
    {
        Assert.Equal(LayoutFormat.OdgiBinary, LayoutReader.Sniff(File.ReadAllBytes(RealLay)));
        Assert.Equal(LayoutFormat.OdgiTsv, LayoutReader.Sniff(File.ReadAllBytes(RealLayTsv)));
        Assert.Equal(LayoutFormat.BandageJson, LayoutReader.Sniff(File.ReadAllBytes(RealBandage)));
        Assert.Equal(LayoutFormat.BandageJson, LayoutReader.Sniff(File.ReadAllBytes(MiniBandage)));
    }

    [Theory]
    [InlineData("layout/odgi_real.lay", LayoutFormat.OdgiBinary, 300)]
    [InlineData("layout/odgi_real.lay.tsv", LayoutFormat.OdgiTsv, 300)]
    [InlineData("layout/bandage_real.layout", LayoutFormat.BandageJson, 3)]
    [InlineData("mini/mini.odgi.tsv", LayoutFormat.OdgiTsv, 6)]
    [InlineData("mini/mini.bandage.json", LayoutFormat.BandageJson, 6)]
    [InlineData("drb1/DRB1-3123.lay.tsv", LayoutFormat.OdgiTsv, 3214)]
    public void ReadFile_reads_each_format_plain_gzip_and_unseekable(string fixture, LayoutFormat format, int count)
    {
        string path = Data(fixture.Split('/'));
        LayoutTable plain = LayoutReader.ReadFile(path);
        Assert.Equal(format, plain.Format);
        Assert.Equal(count, plain.Count);
        Assert.Equal(path, plain.FileName);

        byte[] gz = Gzip(File.ReadAllBytes(path));
        LayoutTable fromGzip = LayoutReader.Read(new MemoryStream(gz), "x.gz");
        LayoutTable fromTrickle = LayoutReader.Read(new TrickleStream(gz), "x.gz");
        LayoutTable plainTrickle = LayoutReader.Read(new TrickleStream(File.ReadAllBytes(path)), "x");
        foreach (LayoutTable t in new[] { fromGzip, fromTrickle, plainTrickle })
        {
            Assert.Equal(format, t.Format);
            Assert.Equal(count, t.Count);
            AssertSameCoords(plain, t);
        }
    }

    [Fact]
    public void Gzip_file_on_disk_is_read_whatever_its_name()
    {
        string path = Path.Combine(Path.GetTempPath(), $"pangy-layout-{Guid.NewGuid():N}.lay");
        try
        {
            File.WriteAllBytes(path, Gzip(File.ReadAllBytes(RealLay)));
            LayoutTable t = LayoutReader.ReadFile(path);
            Assert.Equal(LayoutFormat.OdgiBinary, t.Format);
            AssertSameCoords(LayoutReader.ReadFile(RealLay), t);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reading_does_not_dispose_the_callers_stream()
    {
        var ms = new MemoryStream(Gzip(File.ReadAllBytes(MiniTsv)));
        LayoutReader.Read(ms, "mini.gz");
        Assert.True(ms.CanRead);
    }

    [Fact]
    public void Corrupt_gzip_is_bad_input()
    {
        byte[] gz = Gzip(File.ReadAllBytes(Drb1Tsv));
        for (int i = 20; i < 60; i++) gz[i] ^= 0x5A;
        var e = Assert.Throws<BadInputException>(() => LayoutReader.Read(new MemoryStream(gz), "bad.gz"));
        Assert.Equal("bad.gz", e.File);
    }

    [Fact]
    public void Empty_file_and_empty_gzip_are_bad_input()
    {
        var e = Assert.Throws<BadInputException>(() => LayoutReader.Read(new MemoryStream(), "empty"));
        Assert.Equal("empty", e.File);
        Assert.Contains("empty file", e.Reason);
        e = Assert.Throws<BadInputException>(() => LayoutReader.Read(new MemoryStream(Gzip([])), "empty.gz"));
        Assert.Contains("empty file", e.Reason);
    }

    [Fact]
    public void Text_that_the_sniffing_rule_calls_binary_gets_an_explanation()
    {
        var e = Assert.Throws<BadInputException>(() => LayoutReader.Read(Bytes("\uFEFF{\"1+\": [[1, 2]]}"), "bom.json"));
        Assert.Contains("byte-order mark", e.Reason);
        e = Assert.Throws<BadInputException>(() => LayoutReader.Read(Bytes("{\"café_1\": [[1, 2]]}"), "utf8.json"));
        Assert.Contains("starts like UTF-8 text", e.Reason);
    }

    [Theory]
    [InlineData("layout/odgi_real.lay")]
    [InlineData("layout/odgi_real.lay.tsv")]
    [InlineData("layout/bandage_real.layout")]
    public void A_cancelled_read_stops(string fixture)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => LayoutReader.ReadFile(Data(fixture.Split('/')), cancelled.Token));
    }

    [Fact]
    public void Bad_rows_in_gzip_still_name_the_line()
    {
        byte[] gz = Gzip(Encoding.ASCII.GetBytes("idx\tX\tY\r\n0\t1\t2\r\n1\t3\tfour\r\n"));
        var e = Assert.Throws<BadInputException>(() => LayoutReader.Read(new MemoryStream(gz), "bad.tsv.gz"));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Tsv_writer_then_reader_round_trips_exactly()
    {
        var random = new Random(9);
        var coords = new SegmentCoords[50_000];
        for (int k = 0; k < coords.Length; k++)
            coords[k] = new SegmentCoords(Next(random), Next(random), Next(random), Next(random));
        var ms = new MemoryStream();
        OdgiTsvWriter.Write(ms, coords);
        LayoutTable t = LayoutReader.Read(new MemoryStream(ms.ToArray()), "round.tsv");
        Assert.Equal(LayoutFormat.OdgiTsv, t.Format);
        Assert.Equal(coords.Length, t.Count);
        for (int k = 0; k < coords.Length; k++) Assert.Equal(coords[k], t.GetPositional(k));
    }

    [Fact]
    public void Tsv_writer_text_is_odgi_shaped()
    {
        var ms = new MemoryStream();
        OdgiTsvWriter.Write(ms, [new SegmentCoords(0, 0, 10, 10), new SegmentCoords(1075.05468974492, 1000, 1e-5, -2.5)]);
        Assert.Equal("idx\tX\tY\n0\t0.0\t0.0\n1\t10.0\t10.0\n2\t1075.05468974492\t1000.0\n3\t1e-05\t-2.5\n", Encoding.ASCII.GetString(ms.ToArray()));
    }

    [Fact]
    public void Tsv_writer_writes_a_table_read_from_a_lay()
    {
        LayoutTable lay = LayoutReader.ReadFile(RealLay);
        var ms = new MemoryStream();
        OdgiTsvWriter.Write(ms, lay);
        AssertSameCoords(lay, LayoutReader.Read(new MemoryStream(ms.ToArray()), "x.tsv"));
        Assert.Throws<ArgumentException>(() => OdgiTsvWriter.Write(new MemoryStream(), LayoutReader.ReadFile(MiniBandage)));
    }

    /// <summary>
    /// A synthetic odgi-style TSV (16 significant digits, as odgi prints) parsed and checked value by value. Set
    /// PANGY_LAYOUT_BENCH_ROWS (e.g. 12700000, a human chr1) to make it a benchmark; the time is printed, not asserted.
    /// </summary>
    [Fact]
    public void Synthetic_odgi_tsv_parses_exactly()
    {
        long rows = long.TryParse(Environment.GetEnvironmentVariable("PANGY_LAYOUT_BENCH_ROWS"), out long r) ? r & ~1L : 200_000;
        string path = Path.Combine(Path.GetTempPath(), $"pangy-layout-bench-{Guid.NewGuid():N}.tsv");
        try
        {
            var random = new Random(42);
            using (var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
            {
                w.Write("idx\tX\tY\tcomponent\n");
                for (long i = 0; i < rows; i++)
                {
                    w.Write(i);
                    w.Write('\t');
                    w.Write((random.NextDouble() * 2e7 - 5e6).ToString("G16", CultureInfo.InvariantCulture));
                    w.Write('\t');
                    w.Write((random.NextDouble() * 4e5 - 2e5).ToString("G16", CultureInfo.InvariantCulture));
                    w.Write("\t0\n");
                }
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            LayoutTable t = LayoutReader.ReadFile(path);
            clock.Stop();
            Console.WriteLine($"parsed {rows:N0} rows ({new FileInfo(path).Length / 1e6:F0} MB) in {clock.Elapsed.TotalSeconds:F3} s");

            Assert.Equal(rows / 2, t.Count);
            random = new Random(42);
            for (int k = 0; k < t.Count; k++)
            {
                SegmentCoords s = t.GetPositional(k);
                Assert.Equal(Expected(random.NextDouble() * 2e7 - 5e6), s.X1);
                Assert.Equal(Expected(random.NextDouble() * 4e5 - 2e5), s.Y1);
                Assert.Equal(Expected(random.NextDouble() * 2e7 - 5e6), s.X2);
                Assert.Equal(Expected(random.NextDouble() * 4e5 - 2e5), s.Y2);
            }
        }
        finally
        {
            File.Delete(path);
        }

        static double Expected(double v) => double.Parse(v.ToString("G16", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static double Next(Random random) => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 20));

    private static void AssertSameCoords(LayoutTable expected, LayoutTable actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        if (expected.Kind == LayoutKind.Positional)
        {
            for (int k = 0; k < expected.Count; k++) Assert.Equal(expected.GetPositional(k), actual.GetPositional(k));
            return;
        }
        foreach (var (id, coords) in expected.EnumerateById())
        {
            Assert.True(actual.TryGetById(id, out var other));
            Assert.Equal(coords, other);
        }
    }
}
