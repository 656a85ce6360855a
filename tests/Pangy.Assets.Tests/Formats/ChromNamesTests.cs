using Pangy.Core.Formats;
using Pangy.Core.Formats.AnnotationCfg;
using Pangy.Core.Formats.ChromAlias;
using Pangy.Core.Formats.ChromSizes;
using Pangy.Core.Formats.TwoBit;

namespace Pangy.Assets.Tests.Formats;

/// <summary>chromAlias.txt, chrom.sizes and .cfg on GenomeKit's real files.</summary>
public sealed class ChromNamesTests
{
    [Fact]
    public void Hg38AliasesOfChr1AllResolveToChr1()
    {
        var table = ChromAliasReader.Read(TestData.Assets("hg38.p12.mini.chromAlias.txt"));
        Assert.Null(table.Schemes); // the old "# sequenceName alias names" header names no column
        Assert.Equal(594, table.Rows.Count);
        var resolver = new ChromNameResolver(table);
        foreach (var name in new[] { "1", "chr1", "CM000663.2", "NC_000001.11" })
            Assert.Equal("chr1", resolver.Resolve(name));
        Assert.Null(resolver.Resolve("chr1 "));
        Assert.Null(resolver.Resolve("CHR1"));
        Assert.Equal("chr10_GL383545v1_alt", resolver.Resolve("NW_003315934.1"));
    }

    [Fact]
    public void EveryAliasOfChr2ReadsTheSameSequenceFromTheRealTwoBit()
    {
        var resolver = new ChromNameResolver(ChromAliasReader.Read(TestData.Assets("hg38.p12.mini.chromAlias.txt")));
        using var reader = TwoBitReader.Open(TestData.Assets("hg38.p12.mini.2bit"));
        var expected = new IndependentTwoBit(File.ReadAllBytes(TestData.Assets("hg38.p12.mini.2bit")))["chr2"].Bases;
        foreach (var name in new[] { "2", "chr2", "CM000664.2", "NC_000002.12" })
        {
            string canonical = resolver.Resolve(name)!;
            Assert.Equal(expected, reader.ReadString(canonical, 0, reader.LengthOf(canonical)!.Value));
        }
    }

    [Fact]
    public void AUcscHeaderNamesTheSchemes()
    {
        var table = ChromAliasReader.Read(TestData.Assets("hg19.mini.chromAlias.txt"));
        Assert.Equal(["ucsc", "assembly", "genbank", "refseq"], table.Schemes);
        var resolver = new ChromNameResolver(table);
        Assert.Equal("chr1", resolver.Resolve("NC_000001.10"));
        Assert.Equal("chr16", resolver.Resolve("16"));
    }

    [Fact]
    public void AliasTablesRoundTripThroughTheWriter()
    {
        var table = ChromAliasReader.Read(TestData.Assets("hg19.mini.chromAlias.txt"));
        using var buffer = new MemoryStream();
        ChromAliasWriter.Write(buffer, table);
        buffer.Position = 0;
        var again = ChromAliasReader.Read(buffer, "copy");
        Assert.Equal(table.Schemes, again.Schemes);
        Assert.Equal(table.Rows.Select(r => string.Join('\t', r)), again.Rows.Select(r => string.Join('\t', r)));
    }

    [Fact]
    public void AnAliasOfTwoSequencesIsAmbiguousAndEmptyFieldsAreSkipped()
    {
        var table = Read("# ucsc\tother\tthird\nchrA\tx\t\nchrB\tx\tb\n");
        var resolver = new ChromNameResolver(table);
        Assert.Null(resolver.Resolve("x"));
        Assert.True(resolver.IsAmbiguous("x"));
        Assert.Equal("chrB", resolver.Resolve("b"));
        Assert.Null(resolver.Resolve(""));
    }

    [Theory]
    [InlineData("chr1\n", 1, "at least one alias column")]
    [InlineData("# a\tb\nchr1\t1\nchr1\tx\n", 3, "'chr1' starts two rows")]
    public void BadAliasFilesNameTheLine(string text, int line, string reason)
    {
        var e = Assert.Throws<BadInputException>(() => Read(text));
        Assert.Equal(line, e.Line);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void ChromSizesWithSpacesOrTabsAndErrors()
    {
        Assert.Equal([new ChromSize("chr1", 50196), new ChromSize("chr2", 10500), new ChromSize("chr16", 744445)],
            ChromSizesReader.Read(TestData.Assets("hg19.mini.chrom.sizes")));
        var e = Assert.Throws<BadInputException>(() => ChromSizesReader.Read(Stream("chr1\t10\nchr2\tten\n"), "x.chrom.sizes"));
        Assert.Equal("x.chrom.sizes:2: length of 'chr2' is not a non-negative integer: 'ten'", e.Message);
        e = Assert.Throws<BadInputException>(() => ChromSizesReader.Read(Stream("chr1\t10\nchr1 10\n"), "x"));
        Assert.Equal(2, e.Line);
        using var buffer = new MemoryStream();
        ChromSizesWriter.Write(buffer, [new ChromSize("b", 5), new ChromSize("a", 9), new ChromSize("c", 9)]);
        Assert.Equal("a\t9\nc\t9\nb\t5\n", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public void CfgNamesTheAssembly()
    {
        Assert.Equal("hg38.p12.mini", AnnotationCfgReader.Read(TestData.Assets("gencode.v29.mini.cfg")).Refg);
        var e = Assert.Throws<BadInputException>(() => AnnotationCfgReader.Read(Stream("# c\nrefg hg38\n"), "a.cfg"));
        Assert.Equal("a.cfg:2: expected 'key=value', found 'refg hg38'", e.Message);
        e = Assert.Throws<BadInputException>(() => AnnotationCfgReader.Read(Stream("source=x\n"), "a.cfg"));
        Assert.Contains("no 'refg=ASSEMBLY' line", e.Message);
        using var buffer = new MemoryStream();
        AnnotationCfgWriter.Write(buffer, new AnnotationConfig("hg38", new Dictionary<string, string> { ["z"] = "1", ["refg"] = "hg38", ["a"] = "2" }));
        Assert.Equal("refg=hg38\na=2\nz=1\n", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static ChromAliasTable Read(string text) => ChromAliasReader.Read(Stream(text), "t.chromAlias.txt");

    private static MemoryStream Stream(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}
