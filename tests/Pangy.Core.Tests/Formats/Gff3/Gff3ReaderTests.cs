using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Gff3;

namespace Pangy.Core.Tests.Formats.Gff3;

/// <summary>The GFF3 line and attribute rules of the reference's parser (§9.1), byte for byte.</summary>
public class Gff3ReaderTests
{
    private static List<(long Line, string SeqId, string Type, long Start, long End, string Attributes)> ReadAll(string text, out Gff3Reader reader, int bufferSize = 1 << 20)
    {
        reader = new Gff3Reader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.gff3", bufferSize);
        var list = new List<(long, string, string, long, long, string)>();
        while (reader.Read())
            list.Add((reader.LineNumber, Encoding.UTF8.GetString(reader.SeqId), Encoding.UTF8.GetString(reader.Type), reader.Start, reader.End,
                Encoding.UTF8.GetString(reader.Attributes)));
        return list;
    }

    private const string Gene = "chr6\tHAVANA\tgene\t100\t200\t.\t+\t.\tID=g1;gene_name=X";

    [Fact]
    public void Comments_blank_and_short_lines_are_skipped_and_short_ones_counted()
    {
        var rows = ReadAll($"##gff-version 3\n#description: x\n\n   \ntoo\tfew\tcolumns\n{Gene}\nchr1\ta\tb\t1\t2\t.\t+\t.\n", out var r);
        // "…\t+\t.\t" is trimmed like Python's strip(), which leaves 8 columns: skipped too.
        Assert.Single(rows);
        Assert.Equal((6L, "chr6", "gene", 100L, 200L, "ID=g1;gene_name=X"), rows[0]);
        Assert.Equal(2, r.SkippedLines);
    }

    [Fact]
    public void Crlf_no_final_newline_bom_and_extra_columns()
    {
        var rows = ReadAll("\uFEFF" + Gene.Replace("\tID", "\t ID") + "\textra\tcols\r\n" + Gene + "  ", out _);
        Assert.Equal(2, rows.Count);
        Assert.Equal(" ID=g1;gene_name=X", rows[0].Attributes); // inner fields are not trimmed, only the line
        Assert.Equal("ID=g1;gene_name=X", rows[1].Attributes);
        Assert.Equal(2, rows[1].Line);
    }

    [Fact]
    public void Long_lines_grow_the_buffer_and_line_numbers_stay_right()
    {
        string longAttr = "ID=g1;note=" + new string('x', 20000);
        var rows = ReadAll($"#c\n{Gene}\nchr6\tS\tgene\t1\t2\t.\t+\t.\t{longAttr}\n{Gene}\n", out _, bufferSize: 4096);
        Assert.Equal([2L, 3L, 4L], rows.Select(x => x.Line));
        Assert.Equal(longAttr, rows[1].Attributes);
    }

    [Fact]
    public void Reading_stops_at_the_fasta_directive()
    {
        var rows = ReadAll($"{Gene}\n##FASTA\n>chr6\nACGT\n{Gene}\n", out var r);
        Assert.Single(rows);
        Assert.True(r.FastaReached);
    }

    [Theory]
    [InlineData("chr6\tS\tgene\tabc\t200\t.\t+\t.\tID=a", "start 'abc' is not an integer")]
    [InlineData("chr6\tS\tCDS\t1\t2.5\t.\t+\t.\tID=a", "end '2.5' is not an integer")]
    [InlineData("chr6\tS\tgene\t300\t200\t.\t+\t.\tID=a", "end 200 is before start 300")]
    [InlineData("chr6\tS\tgene\t1\t99999999999999999999\t.\t+\t.\tID=a", "end '99999999999999999999' is not an integer")]
    public void Bad_coordinates_name_the_file_and_line(string line, string reason)
    {
        var e = Assert.Throws<BadInputException>(() => ReadAll($"##gff-version 3\n{Gene}\n{line}\n", out _));
        Assert.Equal("t.gff3", e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void Invalid_utf8_is_an_error()
    {
        var bytes = Encoding.UTF8.GetBytes(Gene + "\n" + Gene.Replace("X", "\u0001") + "\n");
        bytes[bytes.Length - 2] = 0xff;
        var reader = new Gff3Reader(new MemoryStream(bytes), "t.gff3");
        Assert.True(reader.Read());
        var e = Assert.Throws<BadInputException>(() => reader.Read());
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Integers_parse_as_python_int_does()
    {
        Assert.True(Gff3Reader.TryParseInteger(" +12 "u8, out long v));
        Assert.Equal(12, v);
        Assert.True(Gff3Reader.TryParseInteger("-5"u8, out v));
        Assert.Equal(-5, v);
        Assert.False(Gff3Reader.TryParseInteger(""u8, out _));
        Assert.False(Gff3Reader.TryParseInteger("1e3"u8, out _));
        Assert.False(Gff3Reader.TryParseInteger("9223372036854775808"u8, out _));
        Assert.True(Gff3Reader.TryParseInteger("-9223372036854775808"u8, out v));
        Assert.Equal(long.MinValue, v);
    }

    [Fact]
    public void Attributes_split_on_semicolon_and_need_exactly_one_equals()
    {
        var items = new List<(string, string)>();
        foreach (var (k, v) in new Gff3Attributes(" ID = a ;Note=x=y;;flag;gene_name=HLA-DRB1;tag=basic,CCDS;Empty="u8))
            items.Add((Encoding.UTF8.GetString(k), Encoding.UTF8.GetString(v)));
        Assert.Equal([("ID", "a"), ("gene_name", "HLA-DRB1"), ("tag", "basic,CCDS"), ("Empty", "")], items);
        Assert.True(Gff3Attributes.KeyIs("Gene_Name"u8, "gene_name"u8));
        Assert.False(Gff3Attributes.KeyIs("gene_names"u8, "gene_name"u8));
    }
}
