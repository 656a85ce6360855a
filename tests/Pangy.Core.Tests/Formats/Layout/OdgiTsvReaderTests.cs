using System.Globalization;
using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Layout;
using Pangy.Core.Formats.Layout.OdgiTsv;
using static Pangy.Core.Tests.Formats.Layout.LayoutTestFiles;

namespace Pangy.Core.Tests.Formats.Layout;

public class OdgiTsvReaderTests
{
    [Fact]
    public void Mini_layout_pairs_rows_into_segments()
    {
        LayoutTable t = OdgiTsvReader.ReadFile(MiniTsv);
        Assert.Equal(LayoutFormat.OdgiTsv, t.Format);
        Assert.Equal(LayoutKind.Positional, t.Kind);
        Assert.Equal(MiniTsv, t.FileName);
        Assert.Equal(6, t.Count);
        Assert.Equal(new SegmentCoords(0, 0, 10, 10), t.GetPositional(0));
        Assert.Equal(new SegmentCoords(40, 40, 50, 50), t.GetPositional(2));
        Assert.Equal(new SegmentCoords(100, 100, 110, 110), t.GetPositional(5));
    }

    [Fact]
    public void Drb1_layout_has_3214_segments_with_exact_values()
    {
        LayoutTable t = OdgiTsvReader.ReadFile(Drb1Tsv);
        Assert.Equal(3214, t.Count);
        Assert.Equal(new SegmentCoords(1075.05468974492, 1000, 1723.791240148213, 1425.171613576148), t.GetPositional(0));
        Assert.Equal(new SegmentCoords(13870.85030381765, 2404.230986951025, 13877.57744335362, 2408.192988379682), t.GetPositional(3213));
    }

    [Fact]
    public void Every_value_is_the_double_nearest_its_text()
    {
        // Compare with the framework's correctly rounded parse of each field, on the real file and on random
        // values written with 15, 16 and 17 significant digits and in exponent form.
        var lines = File.ReadAllLines(Drb1Tsv).Skip(1).ToList();
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            double v = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 12));
            string format = (i % 4) switch { 0 => "G15", 1 => "G16", 2 => "G17", _ => "E12" };
            lines.Add($"{lines.Count}\t{v.ToString(format, CultureInfo.InvariantCulture)}\t{(-v).ToString("R", CultureInfo.InvariantCulture)}\t0");
        }
        if (lines.Count % 2 == 1) lines.RemoveAt(lines.Count - 1);
        string text = "idx\tX\tY\tcomponent\n" + string.Join('\n', lines) + "\n";

        LayoutTable t = OdgiTsvReader.Read(Bytes(text), "random.tsv");
        Assert.Equal(lines.Count / 2, t.Count);
        for (int r = 0; r < lines.Count; r++)
        {
            string[] cols = lines[r].Split('\t');
            SegmentCoords s = t.GetPositional(r / 2);
            (double x, double y) = r % 2 == 0 ? (s.X1, s.Y1) : (s.X2, s.Y2);
            Assert.Equal(double.Parse(cols[1], CultureInfo.InvariantCulture), x);
            Assert.Equal(double.Parse(cols[2], CultureInfo.InvariantCulture), y);
        }
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Line_ends_LF_CRLF_and_CR_read_alike(string eol)
    {
        string text = string.Join(eol, File.ReadAllLines(MiniTsv)) + eol;
        AssertSameAsMini(OdgiTsvReader.Read(Bytes(text), "mini.tsv"));
        AssertSameAsMini(OdgiTsvReader.Read(new TrickleStream(Encoding.ASCII.GetBytes(text)), "mini.tsv"));
    }

    [Fact]
    public void Last_line_without_line_end_is_read()
    {
        string text = File.ReadAllText(MiniTsv).TrimEnd('\n');
        AssertSameAsMini(OdgiTsvReader.Read(Bytes(text), "mini.tsv"));
    }

    [Fact]
    public void Three_column_header_and_extra_columns_are_accepted()
    {
        LayoutTable t = OdgiTsvReader.Read(Bytes("idx\tX\tY\n0\t1.5\t2.5\n1\t3.5\t4.5\textra\tmore\n"), "x.tsv");
        Assert.Equal(new SegmentCoords(1.5, 2.5, 3.5, 4.5), t.GetPositional(0));
    }

    [Fact]
    public void The_first_line_is_skipped_whatever_it_holds_and_idx_is_ignored()
    {
        LayoutTable t = OdgiTsvReader.Read(Bytes("0\t99\t99\n7\t1\t2\nfoo\t3\t4\n"), "x.tsv");
        Assert.Equal(1, t.Count);
        Assert.Equal(new SegmentCoords(1, 2, 3, 4), t.GetPositional(0));
    }

    [Fact]
    public void Rows_are_stripped_and_split_as_the_reference_does()
    {
        // Surrounding whitespace is stripped before splitting on tabs, so a leading tab shifts the columns
        // (the reference's line.strip().split("\t")); float() allows spaces, signs, exponents, underscores.
        string text = "idx\tX\tY\n" +
                      "  0\t 1.5 \t+2e1  \n" +
                      "\t9\t3\t4\n" +
                      "2\t1_000\t.5\r\n" +
                      "3\t-0.0\t5.\n";
        LayoutTable t = OdgiTsvReader.Read(Bytes(text), "x.tsv");
        Assert.Equal(new SegmentCoords(1.5, 20, 3, 4), t.GetPositional(0));
        Assert.Equal(new SegmentCoords(1000, 0.5, -0.0, 5), t.GetPositional(1));
        Assert.True(double.IsNegative(t.GetPositional(1).X2));
    }

    [Fact]
    public void Blank_lines_carry_no_row()
    {
        LayoutTable t = OdgiTsvReader.Read(Bytes("idx\tX\tY\n\n0\t1\t2\n   \n1\t3\t4\n\n\n"), "x.tsv");
        Assert.Equal(1, t.Count);
        Assert.Equal(new SegmentCoords(1, 2, 3, 4), t.GetPositional(0));
    }

    [Fact]
    public void Header_only_is_an_empty_layout()
    {
        Assert.Equal(0, OdgiTsvReader.Read(Bytes("idx\tX\tY\tcomponent\n"), "x.tsv").Count);
    }

    [Fact]
    public void Large_input_through_tiny_reads_matches_one_big_read()
    {
        // 200 000 rows (≈ 6 MB, several buffers) with CRLF, read whole and read a few bytes at a time.
        var sb = new StringBuilder("idx\tX\tY\tcomponent\r\n");
        var random = new Random(3);
        for (int i = 0; i < 200_000; i++)
            sb.Append(i).Append('\t').Append((random.NextDouble() * 1e6).ToString("G16", CultureInfo.InvariantCulture))
              .Append('\t').Append((random.NextDouble() * -1e3).ToString("R", CultureInfo.InvariantCulture)).Append("\t0\r\n");
        byte[] data = Encoding.ASCII.GetBytes(sb.ToString());

        LayoutTable whole = OdgiTsvReader.Read(new MemoryStream(data), "big.tsv");
        LayoutTable trickled = OdgiTsvReader.Read(new TrickleStream(data, 4093, 1, 65537, 3, 999_983), "big.tsv");
        Assert.Equal(100_000, whole.Count);
        Assert.Equal(whole.Count, trickled.Count);
        for (int k = 0; k < whole.Count; k++) Assert.Equal(whole.GetPositional(k), trickled.GetPositional(k));
        string[] lastRow = sb.ToString().TrimEnd().Split("\r\n")[^1].Split('\t');
        Assert.Equal(double.Parse(lastRow[1], CultureInfo.InvariantCulture), whole.GetPositional(99_999).X2);
    }

    [Fact]
    public void Odd_number_of_rows_names_the_last_row()
    {
        var e = Assert.Throws<BadInputException>(() => OdgiTsvReader.Read(Bytes("idx\tX\tY\n0\t1\t2\n1\t3\t4\n2\t5\t6\n"), "odd.tsv"));
        Assert.Equal("odd.tsv", e.File);
        Assert.Equal(4, e.Line);
        Assert.Contains("odd number of data rows (3)", e.Reason);
    }

    [Theory]
    [InlineData("idx\tX\tY\n0\t1\t2\n1\tabc\t4\n", 3, "X is not a finite number: 'abc'")]
    [InlineData("idx\tX\tY\n0\t1\t2\n1\t3\t \t0\n", 3, "Y is not a finite number: ' '")]
    [InlineData("idx\tX\tY\n0\t1\t2\n1\t3\t\n", 3, "expected at least 3 tab-separated columns")]
    [InlineData("idx\tX\tY\r\n0\t1\t2\r\n1\t3\tnan\r\n", 3, "Y is not a finite number: 'nan'")]
    [InlineData("idx\tX\tY\n0\t1\t2\n1\t1e999\t2\n", 3, "X is not a finite number: '1e999'")]
    [InlineData("idx\tX\tY\n0\t1\t2\n\n1\t3\n", 4, "expected at least 3 tab-separated columns")]
    [InlineData("idx\tX\tY\n0 1 2\n", 2, "expected at least 3 tab-separated columns")]
    [InlineData("H\tVN:Z:1.0\nS\t1\tACGT\n", 2, "Y is not a finite number: 'ACGT'")]
    public void Bad_rows_name_file_and_line(string text, int line, string reason)
    {
        var e = Assert.Throws<BadInputException>(() => OdgiTsvReader.Read(Bytes(text), "bad.tsv"));
        Assert.Equal("bad.tsv", e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Line_numbers_count_across_buffers()
    {
        var sb = new StringBuilder("idx\tX\tY\n");
        for (int i = 0; i < 100_000; i++) sb.Append(i).Append("\t1.25\t2.5\n");
        sb.Append("100000\tx\t1\n");
        var e = Assert.Throws<BadInputException>(() => OdgiTsvReader.Read(new TrickleStream(Encoding.ASCII.GetBytes(sb.ToString()), 777_777), "long.tsv"));
        Assert.Equal(100_002, e.Line);
    }

    [Fact]
    public void Empty_file_is_bad_input()
    {
        var e = Assert.Throws<BadInputException>(() => OdgiTsvReader.Read(new MemoryStream(), "empty.tsv"));
        Assert.Equal("empty.tsv", e.File);
        Assert.Null(e.Line);
        Assert.Contains("empty file", e.Reason);
    }

    [Fact]
    public void Positional_table_refuses_lookup_by_id_and_out_of_range_index()
    {
        LayoutTable t = OdgiTsvReader.ReadFile(MiniTsv);
        Assert.Throws<InvalidOperationException>(() => t.TryGetById(1, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.GetPositional(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.GetPositional(-1));
    }

    private static void AssertSameAsMini(LayoutTable t)
    {
        Assert.Equal(6, t.Count);
        for (int k = 0; k < 6; k++)
            Assert.Equal(new SegmentCoords(20 * k, 20 * k, 20 * k + 10, 20 * k + 10), t.GetPositional(k));
    }
}
