using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pangy.Core.Annotations;
using static Pangy.Core.Tests.Annotations.AnnotationTestFiles;

namespace Pangy.Core.Tests.Annotations;

/// <summary>The read side: §8.3 /genes and /search semantics and gene trees, on the reference's fixture and real GENCODE.</summary>
public partial class AnnotationIndexTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private readonly AnnotationIndex _drb1;

    public AnnotationIndexTests()
    {
        _drb1 = AnnotationIndex.Open(Import(_tmp, Drb1, "drb1").Dir);
    }

    public void Dispose()
    {
        _drb1.Dispose();
        _tmp.Dispose();
    }

    private static string[] Names(IEnumerable<AnnotationRecord> rows) => rows.Select(r => r.GeneName!).ToArray();

    [Fact]
    public void The_fixture_holds_three_genes_and_the_chr6_region_two_of_them()
    {
        Assert.Equal(["FARAWAY", "HLA-DRB1", "TINY1"], _drb1.GeneNames);
        var genes = _drb1.Genes("chr6", RegionStart, RegionEnd, maneOnly: false);
        Assert.Equal(["HLA-DRB1", "TINY1"], Names(genes));
        Assert.All(genes, g => Assert.Equal("gene", g.Type));
        Assert.Equal(new AnnotationRecord("ENSG00000196126.1", "gene", "chr6", 32579000, 32587000, "+", "HAVANA", "HLA-DRB1", null, null, "", false, false),
            genes[0]);
    }

    [Fact]
    public void Mane_only_drops_tiny1()
    {
        Assert.Equal(["HLA-DRB1"], Names(_drb1.Genes("chr6", RegionStart, RegionEnd, maneOnly: true)));
        Assert.Equal(["HLA-DRB1"], _drb1.GeneModels("chr6", RegionStart, RegionEnd, maneOnly: true).Select(g => g.Gene.GeneName));
        Assert.Equal(["HLA-DRB1"], _drb1.ManeGeneNames);
    }

    [Fact]
    public void Features_must_be_fully_contained_and_on_the_chromosome()
    {
        // TINY1 is at 32588000–32589500.
        Assert.Equal(["HLA-DRB1"], Names(_drb1.Genes("chr6", RegionStart, 32587500, false)));
        Assert.Equal(["HLA-DRB1", "TINY1"], Names(_drb1.Genes("chr6", 32579000, 32589500, false)));
        Assert.Equal(["TINY1"], Names(_drb1.Genes("chr6", 32579001, 32589500, false)));
        Assert.DoesNotContain("TINY1", Names(_drb1.Genes("chr6", 32579000, 32589499, false)));
        // FARAWAY only on chr1, whatever the range.
        Assert.Equal(["FARAWAY"], Names(_drb1.Genes("chr1", 0, 2_000_000_000, false)));
        Assert.DoesNotContain("FARAWAY", Names(_drb1.Genes("chr6", 0, 2_000_000_000, false)));
        Assert.Empty(_drb1.Genes("chr6 ", 0, 2_000_000_000, false));
        Assert.Empty(_drb1.Genes("chr1", 0, 2_000_000_000, maneOnly: true));
    }

    [Fact]
    public void Hla_drb1_has_two_transcripts_of_three_exons_mane_first()
    {
        foreach (var gene in new[] { _drb1.Gene("HLA-DRB1")!, _drb1.GeneModels("chr6", RegionStart, RegionEnd, false).Single(g => g.Gene.GeneName == "HLA-DRB1") })
        {
            Assert.Equal("ENSG00000196126.1", gene.Gene.Id);
            Assert.Equal(["ENST00000360004.1", "ENST00000399999.1"], gene.Transcripts.Select(t => t.Transcript.Id));
            Assert.True(gene.Transcripts[0].Transcript.ManeSelect);
            Assert.False(gene.Transcripts[1].Transcript.ManeSelect);
            Assert.All(gene.Transcripts, t =>
            {
                Assert.Equal([1, 2, 3], t.Exons.Select(e => e.ExonNumber!.Value));
                Assert.All(t.Exons, e => Assert.Equal(t.Transcript.Id, e.Parent));
            });
        }
        var tiny = _drb1.Gene("TINY1")!;
        Assert.Equal("-", tiny.Gene.Strand);
        Assert.Single(Assert.Single(tiny.Transcripts).Exons);
        Assert.Null(_drb1.Gene("NONEXISTENT"));
        Assert.Null(_drb1.Gene("hla-drb1")); // names are exact; search is the case-insensitive one
    }

    [Fact]
    public void Range_trees_drop_parts_outside_the_range()
    {
        // Only exons 1 of each HLA-DRB1 transcript, and no transcript, lie inside 32579000–32580000.
        var models = _drb1.GeneModels("chr6", 32579000, 32580000, false);
        Assert.Empty(models);
        var full = _drb1.GeneModels("chr6", RegionStart, RegionEnd, false);
        Assert.Equal(["HLA-DRB1", "TINY1"], full.Select(g => g.Gene.GeneName));
        Assert.Equal([2, 1], full.Select(g => g.Transcripts.Count));
    }

    [Theory]
    [InlineData("drb")]
    [InlineData("DRB")]
    [InlineData("hla-DRB1")]
    public void Search_is_a_case_insensitive_substring_match(string query)
    {
        var hits = _drb1.Search(query);
        var g = Assert.Single(hits);
        Assert.Equal(("HLA-DRB1", "gene", "ENSG00000196126.1"), (g.GeneName, g.Type, g.Id));
    }

    [Fact]
    public void Search_in_name_order_cut_to_the_limit()
    {
        Assert.Empty(_drb1.Search("zzzzz"));
        Assert.Equal(["FARAWAY", "HLA-DRB1", "TINY1"], Names(_drb1.Search("")));
        Assert.Equal(["FARAWAY", "HLA-DRB1"], Names(_drb1.Search("", limit: 2)));
        Assert.Equal(["FARAWAY", "HLA-DRB1"], Names(_drb1.Search("a")));
        Assert.Equal(["TINY1"], Names(_drb1.Search("tiny")));
        Assert.Empty(_drb1.Search("a", limit: 0));
    }

    [Fact]
    public void Transcript_priority_is_mane_canonical_primary_ccds_then_file_order()
    {
        string f = _tmp.Write("prio.gff3", "##gff-version 3\n" +
            "chr1\tS\tgene\t1\t100\t.\t+\t.\tID=G;gene_name=P\n" +
            string.Concat(new[] { ("t1", "basic"), ("t2", "CCDS"), ("t3", "basic,GENCODE_Primary"), ("t4", "Ensembl_canonical"), ("t5", "basic"),
                                  ("t6", "MANE_Select"), ("t7", "GENCODE_Primary,CCDS"), ("t8", "gencode_primary,ccds") }
                .Select(t => $"chr1\tS\ttranscript\t1\t100\t.\t+\t.\tID={t.Item1};Parent=G;gene_name=P;tag={t.Item2}\n")));
        using var index = AnnotationIndex.Open(Import(_tmp, f, "prio").Dir);
        Assert.Equal(["t6", "t4", "t7", "t3", "t2", "t1", "t5", "t8"], index.Gene("P")!.Transcripts.Select(t => t.Transcript.Id));
    }

    [Fact]
    public void Gencode_trees_match_an_independent_reading_of_the_file()
    {
        using var index = AnnotationIndex.Open(Import(_tmp, Gencode, "gencode").Dir);
        Assert.Equal(["INO80B", "INO80B-WBP1", "MOGS", "WBP1"], index.GeneNames);
        Assert.Equal(["INO80B", "INO80B-WBP1", "WBP1", "MOGS"], Names(index.Genes("chr2", 1, 10500, false)));
        Assert.Empty(index.Genes("chr2", 1, 10500, maneOnly: true));
        Assert.Equal(["INO80B", "INO80B-WBP1"], Names(index.Search("ino")));

        // Read the file with plain splits: transcripts per gene id in file order, exons per transcript id.
        var transcripts = new Dictionary<string, List<(string Id, string Tag)>>();
        var exons = new Dictionary<string, int>();
        var geneIdByName = new Dictionary<string, string>();
        foreach (string line in File.ReadLines(Gencode))
        {
            if (line.StartsWith('#')) continue;
            var c = line.Split('\t');
            string id = Attr(c[8], "ID"), parent = Attr(c[8], "Parent");
            switch (c[2])
            {
                case "gene": geneIdByName[Attr(c[8], "gene_name")] = id; break;
                case "transcript": (transcripts.TryGetValue(parent, out var l) ? l : transcripts[parent] = []).Add((id, Attr(c[8], "tag"))); break;
                case "exon": exons[parent] = exons.GetValueOrDefault(parent) + 1; break;
            }
        }
        Assert.Equal(4, geneIdByName.Count);
        foreach (var (name, geneId) in geneIdByName)
        {
            var model = index.Gene(name)!;
            Assert.Equal(geneId, model.Gene.Id);
            // No MANE, canonical or GENCODE_Primary tags in v29: CCDS transcripts first, then the rest, each in file order.
            var expected = transcripts[geneId].Where(t => t.Tag.Contains("CCDS")).Concat(transcripts[geneId].Where(t => !t.Tag.Contains("CCDS"))).Select(t => t.Id);
            Assert.Equal(expected, model.Transcripts.Select(t => t.Transcript.Id));
            Assert.All(model.Transcripts, t => Assert.Equal(exons[t.Transcript.Id!], t.Exons.Count));
        }
        Assert.Equal(45, geneIdByName.Values.Sum(g => index.Gene(index.GeneNames.First(n => geneIdByName[n] == g))!.Transcripts.Count));
    }

    private static string Attr(string attrs, string key) =>
        AttrRegex().Matches(attrs).FirstOrDefault(m => m.Groups[1].Value == key)?.Groups[2].Value ?? "";

    [GeneratedRegex("(?:^|;)([^=;]+)=([^;]*)")]
    private static partial Regex AttrRegex();

    [Fact]
    public void Ensembl_style_mrna_genes_have_trees_and_mane()
    {
        using var index = AnnotationIndex.Open(Import(_tmp, _tmp.Write("ens.gff3", AnnotationImportTests.EnsemblStyle), "ens").Dir);
        var brca2 = index.Gene("BRCA2")!;
        Assert.Equal(["transcript:ENST00000380152", "transcript:ENST00000530893"], brca2.Transcripts.Select(t => t.Transcript.Id));
        Assert.Equal([2, 1], brca2.Transcripts.Select(t => t.Exons.Count));
        Assert.All(brca2.Transcripts, t => Assert.Equal("mRNA", t.Transcript.Type));
        Assert.Equal(["BRCA2"], Names(index.Genes("13", 0, 40_000_000, maneOnly: true)));
        Assert.Equal(["BRCA2", "KEEP1"], Names(index.Genes("13", 0, 40_000_000, maneOnly: false)));
    }

    [Fact]
    public void Without_a_quick_index_the_names_come_from_the_database()
    {
        string dir = Import(_tmp, Drb1, "noquick").Dir;
        File.Delete(Path.Combine(dir, AnnotationSchema.QuickIndexFileName));
        using var index = AnnotationIndex.Open(dir);
        Assert.Equal(["FARAWAY", "HLA-DRB1", "TINY1"], index.GeneNames);
        Assert.False(File.Exists(Path.Combine(dir, AnnotationSchema.QuickIndexFileName))); // read-only: never writes
    }

    [Fact]
    public void A_database_written_by_the_reference_is_read()
    {
        // The reference's own CREATE text and Python's bool → 1/0, no quick index, no indexes.
        string dir = _tmp["ref"];
        Directory.CreateDirectory(dir);
        using (var conn = new SqliteConnection($"Data Source={Path.Combine(dir, AnnotationSchema.DatabaseFileName)};Pooling=False"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE IF NOT EXISTS annotations (
                    id TEXT PRIMARY KEY,
                    type TEXT NOT NULL,
                    chrom TEXT NOT NULL,
                    start INTEGER NOT NULL,
                    end INTEGER NOT NULL,
                    strand TEXT,
                    source TEXT,
                    gene_name TEXT,
                    exon_number INTEGER,
                    parent TEXT,
                    tag TEXT,
                    ensembl_canonical BOOLEAN DEFAULT 0,
                    mane_select BOOLEAN DEFAULT 0
                );
                INSERT INTO annotations VALUES ('ENSG1', 'gene', 'chrY', 2786855, 2787682, '-', 'HAVANA', 'SRY', NULL, NULL, '', 0, 0);
                INSERT INTO annotations VALUES ('ENST1', 'transcript', 'chrY', 2786855, 2787682, '-', 'HAVANA', 'SRY', NULL, 'ENSG1', 'basic,Ensembl_canonical,MANE_Select', 1, 1);
                INSERT INTO annotations VALUES ('exon:ENST1:1', 'exon', 'chrY', 2786855, 2787682, '-', 'HAVANA', 'SRY', 1, 'ENST1', '', 0, 0);
                INSERT INTO annotations VALUES ('ENSG2', 'gene', 'chrY', 2900000, 2800000, '+', 'HAVANA', 'INV', NULL, NULL, '', 0, 0);
                INSERT INTO annotations VALUES (NULL, 'gene', 'chrY', 100, 200, '+', 'X', NULL, NULL, NULL, NULL, 0, 0);
                """;
            cmd.ExecuteNonQuery();
        }
        using var index = AnnotationIndex.Open(dir);
        Assert.Equal(["INV", "SRY"], index.GeneNames);
        Assert.Equal(["SRY"], Names(index.Genes("chrY", 0, 3_000_000, maneOnly: true)));
        // A row with start > end that the import would refuse is still answered as the reference's SQL answers it:
        // fully inside the window by start >= ? AND end <= ?, even with a start past the window's end.
        Assert.Equal(["SRY", "INV"], index.Genes("chrY", 150, 2_850_000, maneOnly: false).Select(g => g.GeneName));
        Assert.Equal([null, "SRY", "INV"], index.Genes("chrY", 0, 2_850_000, maneOnly: false).Select(g => g.GeneName));
        Assert.Equal("", index.Genes("chrY", 0, 300, false).Single().Tag);
        Assert.Equal(1, Assert.Single(Assert.Single(index.Gene("SRY")!.Transcripts).Exons).ExonNumber);
    }

    [Fact]
    public void Opening_something_else_is_a_clear_error()
    {
        Assert.Throws<FileNotFoundException>(() => AnnotationIndex.Open(_tmp["missing"]));
        string dir = _tmp["other"];
        Directory.CreateDirectory(dir);
        using (var conn = new SqliteConnection($"Data Source={Path.Combine(dir, AnnotationSchema.DatabaseFileName)};Pooling=False"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "CREATE TABLE segments(id INTEGER PRIMARY KEY)";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidDataException>(() => AnnotationIndex.Open(dir));
        Assert.Contains("no 'annotations' table", e.Message);
        File.WriteAllText(Path.Combine(dir, AnnotationSchema.DatabaseFileName), "not sqlite at all, just text that is long enough to be a header....");
        Assert.Throws<InvalidDataException>(() => AnnotationIndex.Open(dir));
    }

    [Fact]
    public void Concurrent_queries_give_the_sequential_answers()
    {
        string Answer(int i) => (i % 4) switch
        {
            0 => string.Join(",", Names(_drb1.Genes("chr6", RegionStart, RegionEnd, i % 8 == 0))),
            1 => string.Join(",", Names(_drb1.Search(i % 3 == 0 ? "drb" : "a"))),
            2 => string.Join(",", _drb1.Gene("HLA-DRB1")!.Transcripts.SelectMany(t => t.Exons).Select(e => e.Id)),
            _ => string.Join(",", _drb1.GeneModels("chr6", RegionStart, RegionEnd, false).Select(g => g.Transcripts.Count)),
        };
        var expected = Enumerable.Range(0, 400).Select(Answer).ToArray();
        var actual = new string[400];
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = Answer(i));
        Assert.Equal(expected, actual);
        Assert.Contains("HLA-DRB1,TINY1", expected);
    }

    [Fact]
    public void A_disposed_index_refuses_queries()
    {
        var index = AnnotationIndex.Open(Import(_tmp, Drb1, "disposed").Dir);
        index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => index.Search("drb"));
    }
}
