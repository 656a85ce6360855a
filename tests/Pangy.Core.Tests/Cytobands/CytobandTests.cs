using System.IO.Compression;
using Pangy.Core.Cytobands;
using Pangy.Core.Formats;

namespace Pangy.Core.Tests.Cytobands;

/// <summary>Ideograms as the reference builds them (§9.2): bundled hg38 and CHM13, none, custom pairs, and its errors.</summary>
public class CytobandTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static readonly string[] HumanCanonical =
        [.. Enumerable.Range(1, 22).Select(i => $"chr{i}"), "chrX", "chrY"];

    // The reference's test fixture (tests/fixtures/cytoband/test.cytoBand.txt), written out here.
    private const string TestBands =
        "chr1\t0\t2300000\tp36.33\tgneg\nchr1\t2300000\t5300000\tp36.32\tgpos25\nchr1\t5300000\t10000000\tp36.31\tacen\n" +
        "chr2\t0\t3500000\tp25.3\tgpos50\nchr2\t3500000\t7000000\tp25.2\tgpos75\nchr2\t7000000\t8000000\tp25.1\tgpos100\n" +
        "chr2\t8000000\t12000000\tq11.1\tacen\nchr2\t12000000\t15000000\tq11.2\tgvar\nchr2\t15000000\t20000000\tq12.1\tstalk\n";

    private static readonly Dictionary<string, string> Colors = new()
    {
        ["acen"] = "#CC0000", ["gneg"] = "#FFFFFF", ["gpos100"] = "#000000", ["gpos25"] = "#CCCCCC",
        ["gpos50"] = "#7F7F7F", ["gpos75"] = "#333333", ["gvar"] = "#0DCC00", ["stalk"] = "#00CC83",
    };

    /// <summary>Band counts per canonical chromosome, counted from the test copy of the file with a plain split.</summary>
    private static Dictionary<string, int> CountBands(string genome) =>
        File.ReadLines(TestData.Path("cytoband", $"{genome}.cytoBand.txt")).Select(l => l.Split('\t')[0])
            .Where(HumanCanonical.Contains).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

    [Theory]
    [InlineData("human-hg38", "human-hg38", "hg38")]
    [InlineData(null, "human-hg38", "hg38")]
    [InlineData("human-t2t", "human-t2t", "chm13")]
    [InlineData("human-chm13", "human-t2t", "chm13")]
    public void Bundled_human_sets_have_the_canonical_list_and_every_canonical_band(string? organism, string name, string genome)
    {
        var set = CytobandSet.Load(organism);
        Assert.Equal((name, genome), (set.Organism, set.Genome));
        Assert.Equal(HumanCanonical, set.Canonical);
        // The file's order (UCSC sorts chromosome names as text), not the canonical order.
        Assert.Equal(HumanCanonical.Order(StringComparer.Ordinal), set.Chromosomes);
        var counts = CountBands(genome);
        Assert.Equal(862, counts.Values.Sum());
        foreach (string chrom in HumanCanonical)
        {
            var bands = set.BandsOf(chrom);
            Assert.Equal(counts[chrom], bands.Count);
            Assert.Equal(Enumerable.Range(0, bands.Count), bands.Select(b => b.Index));
            Assert.All(bands, b => Assert.Equal((chrom, Colors[b.Stain]), (b.Chrom, b.Color)));
            Assert.Equal(1.0, bands.Sum(b => b.Size), 12);
            Assert.Equal(1.0, bands[^1].X + bands[^1].Size, 12); // the last band reaches the chromosome's end
        }
        Assert.Equal(48, HumanCanonical.Sum(c => set.BandsOf(c).Count(b => b.Stain == "acen")));
        // Alt and random contigs are not canonical: their rows are skipped.
        Assert.False(set.Has("chr1_KI270706v1_random"));
        Assert.False(set.Has("chrM"));
        Assert.Empty(set.BandsOf("chrUn_GL000195v1"));
        Assert.Same(set, CytobandSet.Load(organism)); // parsed once
    }

    [Fact]
    public void Band_values_are_the_references_for_known_bands()
    {
        // Values printed by Python from the same files: (end - start) / max_end and start / max_end.
        var hg38 = CytobandSet.Load("human-hg38");
        Assert.Equal(new CytobandBand(0, 0, 2300000, "p36.33", "gneg", "#FFFFFF", "chr1", 0.009238564651286642, 0.0), hg38.BandsOf("chr1")[0]);
        Assert.Equal(new CytobandBand(1, 2300000, 5300000, "p36.32", "gpos25", "#CCCCCC", "chr1", 0.012050301719069532, 0.009238564651286642),
            hg38.BandsOf("chr1")[1]);
        Assert.Equal(new CytobandBand(62, 243500000, 248956422, "q44", "gneg", "#FFFFFF", "chr1", 0.02191717713552294, 0.978082822864477),
            hg38.BandsOf("chr1")[62]);
        Assert.Equal(new CytobandBand(3, 10300000, 10400000, "p11.1", "acen", "#CC0000", "chrY", 0.001747414241932822, 0.17998366691908066),
            hg38.BandsOf("chrY")[3]);
        Assert.Equal(new CytobandBand(10, 26600000, 57227415, "q12", "gvar", "#0DCC00", "chrY", 0.5351878116458694, 0.46481218835413063),
            hg38.BandsOf("chrY")[10]);
        var chm13 = CytobandSet.Load("human-t2t");
        Assert.Equal(new CytobandBand(1, 5751447, 9368750, "p12", "stalk", "#00CC83", "chr13", 0.03185179674962075, 0.050643786506194256),
            chm13.BandsOf("chr13")[1]);
        Assert.Equal(36, chm13.BandsOf("chr13").Count);
    }

    [Fact]
    public void None_has_no_chromosomes_and_no_bands()
    {
        var none = CytobandSet.Load("none");
        Assert.Equal("none", none.Organism);
        Assert.Null(none.Genome);
        Assert.Empty(none.Canonical);
        Assert.Empty(none.Chromosomes);
        Assert.False(none.Has("chr1"));
        Assert.Empty(none.BandsOf("chr1"));
    }

    [Fact]
    public void A_custom_pair_is_read_as_the_reference_reads_it()
    {
        string bands = _tmp.Write("test.cytoBand.txt", TestBands), canonical = _tmp.Write("test.canonical.txt", "chr1\n\n  chr2  \n");
        var set = CytobandSet.LoadCustom(bands, canonical);
        Assert.Equal(("custom", (string?)null), (set.Organism, set.Genome));
        Assert.Equal(["chr1", "chr2"], set.Canonical);
        Assert.Equal(["chr1", "chr2"], set.Chromosomes);
        Assert.Equal([3, 6], set.Chromosomes.Select(c => set.BandsOf(c).Count));
        Assert.Equal(new CytobandBand(0, 0, 2300000, "p36.33", "gneg", "#FFFFFF", "chr1", 0.23, 0.0), set.BandsOf("chr1")[0]);
        Assert.Equal(new CytobandBand(5, 15000000, 20000000, "q12.1", "stalk", "#00CC83", "chr2", 0.25, 0.75), set.BandsOf("chr2")[5]);
        foreach (string c in set.Chromosomes)
        {
            double cumulative = 0;
            foreach (var b in set.BandsOf(c))
            {
                Assert.Equal(cumulative, b.X, 12);
                Assert.Equal(Colors[b.Stain], b.Color);
                cumulative += b.Size;
            }
            Assert.Equal(1.0, cumulative, 12);
        }
    }

    [Fact]
    public void Canonical_filtering_empty_names_unknown_stains_and_gzip()
    {
        string bands = _tmp.Write("b.txt", TestBands + "chrUn_1\t0\t100\t\tnotatype\n");
        // Only the canonical chromosomes keep their rows.
        var one = CytobandSet.LoadCustom(bands, _tmp.Write("one.txt", "chr1\n"));
        Assert.Equal(["chr1"], one.Chromosomes);
        Assert.False(one.Has("chr2"));
        // An empty canonical list keeps every row, as the reference does.
        var all = CytobandSet.LoadCustom(bands, _tmp.Write("empty.txt", ""));
        Assert.Empty(all.Canonical);
        Assert.Equal(["chr1", "chr2", "chrUn_1"], all.Chromosomes);
        Assert.Equal(new CytobandBand(0, 0, 100, "chrUn_1", "notatype", "#000000", "chrUn_1", 1.0, 0.0), all.BandsOf("chrUn_1")[0]);
        // UCSC ships cytoBand.txt.gz: accepted as is.
        string gz = _tmp["b.txt.gz"];
        using (var o = File.Create(gz))
        using (var z = new GZipStream(o, CompressionLevel.Optimal))
            z.Write(File.ReadAllBytes(bands));
        Assert.Equal(all.BandsOf("chr2"), CytobandSet.LoadCustom(gz, _tmp.Write("e2.txt", "")).BandsOf("chr2"));
    }

    [Fact]
    public void Blank_and_header_lines_are_skipped_going_past_the_reference()
    {
        string bands = _tmp.Write("b.txt", "#chrom\tchromStart\tchromEnd\tname\tgieStain\n\n" + TestBands + "\n");
        var set = CytobandSet.LoadCustom(bands, _tmp.Write("c.txt", "chr1\nchr2\n"));
        Assert.Equal([3, 6], set.Chromosomes.Select(c => set.BandsOf(c).Count));
    }

    [Theory]
    [InlineData("chr1\t0\t1000\n", 1L, "expected 5 tab-separated columns, got 3")]
    [InlineData("chr1\t0\t100\tp1\tgneg\nchr1\t0\t1000\tp1\tgneg\textra\n", 2L, "expected 5 tab-separated columns, got 6")]
    [InlineData("chr1\tabc\t1000\tp1\tgneg\n", 1L, "non-integer coordinates: start='abc', end='1000'")]
    [InlineData("", null, "no cytoband rows")]
    [InlineData("chr1\t0\t0\tp1\tgneg\n", null, "every band of chr1 ends at 0, so its bands have no size")]
    public void The_references_errors_name_the_file_and_line(string text, long? line, string reason)
    {
        string bands = _tmp.Write("bad.cytoBand.txt", text);
        var e = Assert.Throws<BadInputException>(() => CytobandSet.LoadCustom(bands, _tmp.Write("none.txt", "")));
        Assert.Equal((bands, line, reason), (e.File, e.Line, e.Reason));
    }

    [Fact]
    public void Rows_only_for_other_chromosomes_are_no_rows()
    {
        string bands = _tmp.Write("b.txt", "chrZ\tx\ty\tp1\tgneg\n"); // not canonical: skipped before its coordinates are read
        var e = Assert.Throws<BadInputException>(() => CytobandSet.LoadCustom(bands, _tmp.Write("c.txt", "chr1\n")));
        Assert.Equal("no cytoband rows for the canonical chromosomes", e.Reason);
    }

    [Theory]
    [InlineData("human", "unknown organism 'human'")]
    [InlineData("hg38", "unknown organism 'hg38'")]
    [InlineData("mouse", "organism 'mouse' (mm39) is not bundled with Pangy")]
    [InlineData("dog", "organism 'dog' (canFam3) is not bundled with Pangy")]
    [InlineData("custom", "organism 'custom' needs a cytoband file and a canonical list")]
    public void Unknown_and_unbundled_organisms_are_clear_errors(string organism, string start)
    {
        var e = Assert.Throws<ArgumentException>(() => CytobandSet.Load(organism));
        Assert.StartsWith(start, e.Message);
        foreach (string known in new[] { "human-hg38", "human-t2t", "human-chm13", "none" }) Assert.Contains(known, e.Message);
    }
}
