using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Pangy.Core.Annotations;
using Pangy.Core.Formats;
using static Pangy.Core.Tests.Annotations.AnnotationTestFiles;

namespace Pangy.Core.Tests.Annotations;

/// <summary>GFF3 → annotations.db and its quick index, by the rules of §3.5 and §9.1.</summary>
public partial class AnnotationImportTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private string Gff(string text, string name = "in.gff3") => _tmp.Write(name, text);

    private const string Header = "##gff-version 3\n";

    [Fact]
    public void Drb1_fixture_counts()
    {
        var (dir, r) = Import(_tmp, Drb1);
        Assert.Equal((16L, 3L, 4L, 9L, 0L), (r.Rows, r.Genes, r.Transcripts, r.Exons, r.DuplicatesSkipped));
        Assert.Equal(3, r.GeneNames);
        Assert.Equal(0, r.MalformedLinesSkipped);
        Assert.Equal(16, Scalar(dir, "SELECT COUNT(*) FROM annotations"));
        Assert.Equal(4, Scalar(dir, "SELECT COUNT(*) FROM annotations WHERE type='transcript'"));
        Assert.Equal(9, Scalar(dir, "SELECT COUNT(*) FROM annotations WHERE type='exon'"));
        // One MANE transcript, which is also Ensembl canonical; genes and exons never carry flags.
        Assert.Equal([["ENST00000360004.1", "transcript", 1L, 1L]],
            Sql(dir, "SELECT id, type, ensembl_canonical, mane_select FROM annotations WHERE ensembl_canonical OR mane_select"));
        Assert.Equal(0, Scalar(dir, "SELECT COUNT(*) FROM annotations WHERE type <> 'transcript' AND tag <> ''"));
    }

    [Fact]
    public void Rows_are_stored_as_the_reference_stores_them()
    {
        var (dir, _) = Import(_tmp, Drb1);
        Assert.Equal([
                ["ENST00000360004.1", "transcript", "chr6", 32579000L, 32587000L, "+", "HAVANA", "HLA-DRB1", null, "ENSG00000196126.1",
                    "MANE_Select,Ensembl_canonical", 1L, 1L],
            ],
            Sql(dir, "SELECT * FROM annotations WHERE id = 'ENST00000360004.1'"));
        Assert.Equal([["ENSG00000000001.1", "gene", "chr6", 32588000L, 32589500L, "-", "HAVANA", "TINY1", null, null, "", 0L, 0L]],
            Sql(dir, "SELECT * FROM annotations WHERE id = 'ENSG00000000001.1'"));
        Assert.Equal([[1L], [2L], [3L]], Sql(dir, "SELECT exon_number FROM annotations WHERE parent = 'ENST00000399999.1' ORDER BY rowid"));
    }

    [Fact]
    public void Schema_is_exactly_the_reference_schema()
    {
        var (dir, _) = Import(_tmp, Drb1);
        // §3.5, as written there.
        const string reference = "TABLE annotations(id TEXT PRIMARY KEY, type TEXT NOT NULL, chrom TEXT NOT NULL, " +
            "start INTEGER NOT NULL, end INTEGER NOT NULL, strand TEXT, source TEXT, gene_name TEXT, " +
            "exon_number INTEGER, parent TEXT, tag TEXT, ensembl_canonical BOOLEAN DEFAULT 0, " +
            "mane_select BOOLEAN DEFAULT 0)";
        string stored = (string)Sql(dir, "SELECT sql FROM sqlite_master WHERE name = 'annotations'")[0][0]!;
        Assert.Equal(Normalize(reference), Normalize(stored.Replace("CREATE TABLE", "TABLE")));
        Assert.Equal([
                [0L, "id", "TEXT", 0L, null, 1L], [1L, "type", "TEXT", 1L, null, 0L], [2L, "chrom", "TEXT", 1L, null, 0L],
                [3L, "start", "INTEGER", 1L, null, 0L], [4L, "end", "INTEGER", 1L, null, 0L], [5L, "strand", "TEXT", 0L, null, 0L],
                [6L, "source", "TEXT", 0L, null, 0L], [7L, "gene_name", "TEXT", 0L, null, 0L], [8L, "exon_number", "INTEGER", 0L, null, 0L],
                [9L, "parent", "TEXT", 0L, null, 0L], [10L, "tag", "TEXT", 0L, null, 0L],
                [11L, "ensembl_canonical", "BOOLEAN", 0L, "0", 0L], [12L, "mane_select", "BOOLEAN", 0L, "0", 0L],
            ],
            Sql(dir, "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('annotations')"));
        Assert.Equal([["idx_chrom_start_end", "CREATE INDEX idx_chrom_start_end ON annotations(chrom, start, end)"],
                      ["idx_gene_name", "CREATE INDEX idx_gene_name ON annotations(gene_name, type)"],
                      ["sqlite_autoindex_annotations_1", null]],
            Sql(dir, "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"));
        Assert.Equal([["annotations"], ["sqlite_stat1"]], Sql(dir, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    }

    private static string Normalize(string sql) => Regex.Replace(Regex.Replace(sql, @"\s+", " "), @" ?\( ?", "(");

    [Fact]
    public void Quick_index_is_python_json_indent_4_in_gzip_with_mtime_0()
    {
        var (dir, _) = Import(_tmp, Drb1);
        byte[] gz = File.ReadAllBytes(Path.Combine(dir, AnnotationSchema.QuickIndexFileName));
        Assert.Equal([0x1f, 0x8b, 8], gz[..3]);
        Assert.Equal([0, 0, 0, 0], gz[4..8]);
        Assert.Equal("{\n    \"genes\": [\n        \"FARAWAY\",\n        \"HLA-DRB1\",\n        \"TINY1\"\n    ]\n}", Gunzip(gz));
        Assert.Equal(["FARAWAY", "HLA-DRB1", "TINY1"], AnnotationQuickIndex.Read(Path.Combine(dir, AnnotationSchema.QuickIndexFileName)));
    }

    [Fact]
    public void Quick_index_orders_as_sqlite_and_escapes_as_python()
    {
        string f = Gff(Header + string.Join("", new[] { "b", "B", "a", "Äx", "a" }.Select((n, i) =>
            $"chr1\tS\tgene\t{i + 1}\t{i + 5}\t.\t+\t.\tID=g{i};gene_name={n}\n")) + "chr1\tS\tgene\t1\t2\t.\t+\t.\tID=nameless\n");
        var (dir, r) = Import(_tmp, f);
        Assert.Equal(4, r.GeneNames);
        Assert.Equal("{\n    \"genes\": [\n        \"B\",\n        \"a\",\n        \"b\",\n        \"\\u00c4x\"\n    ]\n}",
            Gunzip(File.ReadAllBytes(Path.Combine(dir, AnnotationSchema.QuickIndexFileName))));
        Assert.Equal("{\n    \"genes\": []\n}", AnnotationQuickIndex.ToJson([]));
    }

    private static string Gunzip(byte[] gz)
    {
        using var s = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    [Fact]
    public void Same_input_gives_byte_identical_files_and_gzip_input_the_same_rows()
    {
        var (a, _) = Import(_tmp, Drb1, "a");
        var (b, _) = Import(_tmp, Drb1, "b");
        string gz = _tmp["drb1.gff3.gz"];
        using (var o = File.Create(gz))
        using (var z = new GZipStream(o, CompressionLevel.Optimal))
            z.Write(File.ReadAllBytes(Drb1));
        // A gzip file is recognised by content, whatever its name.
        string renamed = _tmp["drb1-gzip.gff3"];
        File.Copy(gz, renamed);
        var (c, _) = Import(_tmp, renamed, "c");
        foreach (var file in new[] { AnnotationSchema.DatabaseFileName, AnnotationSchema.QuickIndexFileName })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(c, file)));
        }
        Assert.Equal([AnnotationSchema.DatabaseFileName, AnnotationSchema.QuickIndexFileName], Directory.GetFiles(a).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Crlf_input_gives_the_same_rows()
    {
        var (lf, _) = Import(_tmp, Drb1, "lf");
        var (crlf, _) = Import(_tmp, Gff(File.ReadAllText(Drb1).Replace("\n", "\r\n"), "crlf.gff3"), "crlf");
        Assert.Equal(Sql(lf, "SELECT * FROM annotations ORDER BY rowid"), Sql(crlf, "SELECT * FROM annotations ORDER BY rowid"));
    }

    [Fact]
    public void Gencode_v29_slice_counts_match_an_independent_count()
    {
        // Count by type with a plain split, the way the reference filters (type.lower(), at least 9 columns).
        var counts = new Dictionary<string, int>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(Gencode))
        {
            if (line.StartsWith('#')) continue;
            var cols = line.Split('\t');
            if (cols.Length < 9) continue;
            string type = cols[2].ToLowerInvariant();
            if (type is not ("gene" or "transcript" or "exon" or "mrna")) continue;
            counts[type] = counts.GetValueOrDefault(type) + 1;
            var m = GeneName().Match(cols[8]);
            if (m.Success) names.Add(m.Groups[1].Value);
        }
        Assert.Equal(4, counts["gene"]);  // the checks below must not pass on an empty count
        var (dir, r) = Import(_tmp, Gencode);
        Assert.Equal(counts["gene"], r.Genes);
        Assert.Equal(counts["transcript"], r.Transcripts);
        Assert.Equal(counts["exon"], r.Exons);
        Assert.Equal(counts.Values.Sum(), r.Rows);
        Assert.Equal((238L, 4L, 45L, 189L), (r.Rows, r.Genes, r.Transcripts, r.Exons));
        Assert.Equal(0, r.DuplicatesSkipped);
        Assert.Equal(names.Order(StringComparer.Ordinal), AnnotationQuickIndex.Read(Path.Combine(dir, AnnotationSchema.QuickIndexFileName)));
        Assert.Equal(["INO80B", "INO80B-WBP1", "MOGS", "WBP1"], names.Order(StringComparer.Ordinal));
        // GENCODE v29 predates the MANE and Ensembl_canonical tags: no flags at all.
        Assert.Equal(0, Scalar(dir, "SELECT COUNT(*) FROM annotations WHERE mane_select OR ensembl_canonical"));
        Assert.Equal([["INO80B", "basic,appris_principal_1,CCDS", null]],
            Sql(dir, "SELECT gene_name, tag, exon_number FROM annotations WHERE id = 'ENST00000233331.11'"));
        // Every exon's number comes from its exon:…:N id and agrees with exon_number=.
        Assert.Equal(0, Scalar(dir, "SELECT COUNT(*) FROM annotations WHERE type = 'exon' AND (exon_number IS NULL OR id NOT LIKE 'exon:%:' || exon_number)"));
    }

    [GeneratedRegex("(?:^|;)gene_name=([^;]*)")]
    private static partial Regex GeneName();

    [Fact]
    public void Attribute_rules_follow_the_reference()
    {
        string f = Gff(Header +
            "chr1\tS\texon\t1\t10\t.\t+\t.\tID=exon:T1:3;Parent=T1;exon_number=5\n" +      // a later exon_number= wins
            "chr1\tS\texon\t1\t10\t.\t+\t.\texon_number=5;Parent=T1;ID=exon:T1:4\n" +      // a later exon:…:N id wins
            "chr1\tS\texon\t1\t10\t.\t+\t.\tID=exon:T1:x;exon_number=seven\n" +            // neither is a number
            "chr1\tS\texon\t1\t10\t.\t+\t.\tID=ex9;Parent=T1\n" +                          // not an exon: id
            "chr1\tS\tgene\t1\t10\t.\t+\t.\t ID = G1 ; GENE_NAME = Foo ;Note=a=b;tag=MANE_Select\n" +
            "chr1\tS\tgene\t1\t10\t.\t+\t.\tID=G2;gene_name=A=B\n" +                       // two '=': item lost
            "chr1\tS\tTranscript\t1\t10\t.\t-\t.\tID=T1;Parent=G1;gene_name=Foo;tag=xMANE_SELECTx,ensembl_Canonical\n" +
            "chr1\tS\tCDS\t1\t10\t.\t+\t0\tID=cds1;gene_name=Foo\n" +                      // other types dropped
            "chr1\tS\texon\t1\t10\t.\t+\t.\tParent=T1\n" +                                  // no ID: NULL, twice
            "chr1\tS\texon\t2\t10\t.\t+\t.\tParent=T1\n" +
            "chr1\tS\texon\t3\t10\t.\t+\t.\tID=;Parent=T1\n");                              // empty ID: ''
        var (dir, r) = Import(_tmp, f);
        Assert.Equal(10, r.Rows);
        Assert.Equal([
                ["exon:T1:3", 5L, ""], ["exon:T1:4", 4L, ""], ["exon:T1:x", null, ""], ["ex9", null, ""],
                ["G1", null, "MANE_Select"], ["G2", null, ""], ["T1", null, "xMANE_SELECTx,ensembl_Canonical"],
                [null, null, ""], [null, null, ""], ["", null, ""],
            ],
            Sql(dir, "SELECT id, exon_number, tag FROM annotations ORDER BY rowid"));
        // Keys are case-insensitive and trimmed; the flags are substring tests on the lower-cased tag, on transcripts only.
        Assert.Equal([["G1", "Foo", 0L, 0L], ["G2", null, 0L, 0L], ["T1", "Foo", 1L, 1L]],
            Sql(dir, "SELECT id, gene_name, ensembl_canonical, mane_select FROM annotations WHERE id IN ('G1', 'G2', 'T1') ORDER BY id"));
        Assert.Equal("Transcript", Sql(dir, "SELECT type FROM annotations WHERE id = 'T1'")[0][0]);
    }

    [Fact]
    public void Duplicate_ids_keep_the_first_and_are_counted()
    {
        string f = Gff(Header +
            "chr1\tS\tgene\t1\t10\t.\t+\t.\tID=G1;gene_name=A\n" +
            "chr1\tS\tgene\t5\t50\t.\t+\t.\tID=G1;gene_name=B\n" +
            "chr1\tS\texon\t5\t50\t.\t+\t.\tID=G1;Parent=x\n" +
            "chr1\tS\tgene\t7\t70\t.\t+\t.\tID=G2;gene_name=C\n");
        var (dir, r) = Import(_tmp, f);
        Assert.Equal((2L, 2L, 0L, 2L), (r.Rows, r.Genes, r.Exons, r.DuplicatesSkipped));
        Assert.Equal(["G1 (line 3)", "G1 (line 4)"], r.DuplicateExamples);
        Assert.Equal([["G1", 1L, 10L, "A"], ["G2", 7L, 70L, "C"]], Sql(dir, "SELECT id, start, \"end\", gene_name FROM annotations ORDER BY rowid"));
        Assert.Equal(["A", "C"], AnnotationQuickIndex.Read(Path.Combine(dir, AnnotationSchema.QuickIndexFileName)));
    }

    /// <summary>An Ensembl-style GFF3: mRNA rows, Name= instead of gene_name=, exons without IDs.</summary>
    internal const string EnsemblStyle = Header +
        "##sequence-region   13 32315086 32400268\n" +
        "13\tensembl_havana\tgene\t32315086\t32400268\t.\t+\t.\tID=gene:ENSG00000139618;Name=BRCA2;biotype=protein_coding;gene_id=ENSG00000139618;version=17\n" +
        "13\thavana\tmRNA\t32315100\t32399000\t.\t+\t.\tID=transcript:ENST00000530893;Parent=gene:ENSG00000139618;Name=BRCA2-203;biotype=protein_coding;tag=basic\n" +
        "13\thavana\texon\t32315100\t32315667\t.\t+\t.\tParent=transcript:ENST00000530893;Name=ENSE00002201849;exon_id=ENSE00002201849;rank=1\n" +
        "13\tensembl_havana\tmRNA\t32315508\t32400268\t.\t+\t.\tID=transcript:ENST00000380152;Parent=gene:ENSG00000139618;Name=BRCA2-201;biotype=protein_coding;tag=basic,Ensembl_canonical,MANE_Select;transcript_id=ENST00000380152\n" +
        "13\tensembl_havana\tfive_prime_UTR\t32315508\t32315667\t.\t+\t.\tParent=transcript:ENST00000380152\n" +
        "13\tensembl_havana\texon\t32315508\t32315667\t.\t+\t.\tParent=transcript:ENST00000380152;Name=ENSE00001184784;exon_id=ENSE00001184784;rank=1\n" +
        "13\tensembl_havana\texon\t32316422\t32316527\t.\t+\t.\tParent=transcript:ENST00000380152;Name=ENSE00001484009;exon_id=ENSE00001484009;rank=2\n" +
        "13\tensembl_havana\tCDS\t32316461\t32316527\t.\t+\t0\tID=CDS:ENSP00000369497;Parent=transcript:ENST00000380152\n" +
        "###\n" +
        "13\thavana\tncRNA_gene\t32500000\t32500100\t.\t-\t.\tID=gene:ENSG00000999999;Name=LNC9\n" +
        "13\thavana\tgene\t32600000\t32600100\t.\t-\t.\tID=gene:ENSG00000888888;Name=NOTTHIS;gene_name=KEEP1\n";

    [Fact]
    public void Mrna_is_a_transcript_and_name_names_genes_going_past_the_reference()
    {
        var (dir, r) = Import(_tmp, Gff(EnsemblStyle));
        Assert.Equal((7L, 2L, 2L, 3L), (r.Rows, r.Genes, r.Transcripts, r.Exons));
        // mRNA stored as written, with the flags; every part of BRCA2 takes the gene's Name=, not its own.
        Assert.Equal([
                ["gene", "gene:ENSG00000139618", "BRCA2", 0L, 0L],
                ["mRNA", "transcript:ENST00000530893", "BRCA2", 0L, 0L],
                ["exon", null, "BRCA2", 0L, 0L],
                ["mRNA", "transcript:ENST00000380152", "BRCA2", 1L, 1L],
                ["exon", null, "BRCA2", 0L, 0L],
                ["exon", null, "BRCA2", 0L, 0L],
                ["gene", "gene:ENSG00000888888", "KEEP1", 0L, 0L],
            ],
            Sql(dir, "SELECT type, id, gene_name, ensembl_canonical, mane_select FROM annotations ORDER BY rowid"));
        Assert.Equal(["BRCA2", "KEEP1"], AnnotationQuickIndex.Read(Path.Combine(dir, AnnotationSchema.QuickIndexFileName)));
    }

    [Fact]
    public void Children_listed_before_their_gene_still_inherit_its_name()
    {
        string f = Gff(Header +
            "1\tS\texon\t5\t6\t.\t+\t.\tParent=t1\n" +
            "1\tS\tmRNA\t1\t9\t.\t+\t.\tID=t1;Parent=g1;Name=X-201\n" +
            "1\tS\tgene\t1\t9\t.\t+\t.\tID=g1;Name=X\n" +
            "1\tS\tmRNA\t1\t9\t.\t+\t.\tID=orphan;Parent=nobody;Name=Y-201\n");
        var (dir, _) = Import(_tmp, f);
        Assert.Equal([[null, "X"], ["t1", "X"], ["g1", "X"], ["orphan", null]], Sql(dir, "SELECT id, gene_name FROM annotations ORDER BY rowid"));
    }

    [Fact]
    public void Lines_with_fewer_than_9_columns_are_skipped_and_counted()
    {
        string f = Gff(Header + "chr1\tS\tgene\t1\t10\n" + "chr1\tS\tgene\t1\t10\t.\t+\t.\tID=G1;gene_name=A\n" + "garbage\n");
        var (_, r) = Import(_tmp, f);
        Assert.Equal((1L, 2L), (r.Rows, r.MalformedLinesSkipped));
    }

    [Theory]
    [InlineData("chr1\tS\tgene\tabc\t10\t.\t+\t.\tID=G2", 3, "start 'abc' is not an integer")]
    [InlineData("chr1\tS\tCDS\t1\t\t.\t+\t.\tID=C1", 3, "end '' is not an integer")]
    [InlineData("chr1\tS\tgene\t10\t1\t.\t+\t.\tID=G2", 3, "end 1 is before start 10")]
    [InlineData("chr1\tS\texon\t1\t10\t.\t+\t.\tgene_id \"X\"; transcript_id \"Y\";", 3,
        "attributes look like GTF (key \"value\"), not GFF3 (key=value); convert the file to GFF3")]
    public void Bad_lines_are_errors_with_file_and_line(string line, long lineNo, string reason)
    {
        string f = Gff(Header + "chr1\tS\tgene\t1\t10\t.\t+\t.\tID=G1;gene_name=A\n" + line + "\n");
        var e = Assert.Throws<BadInputException>(() => AnnotationImport.Run(f, _tmp["out"]));
        Assert.Equal((f, lineNo, reason), (e.File, e.Line, e.Reason));
        Assert.Empty(Directory.GetFiles(_tmp["out"]));
    }

    [Fact]
    public void A_file_without_annotation_features_is_an_error()
    {
        string f = Gff(Header + "chr1\tS\tCDS\t1\t10\t.\t+\t0\tID=C1\nnot a gff\n");
        var e = Assert.Throws<BadInputException>(() => AnnotationImport.Run(f, _tmp["out"]));
        Assert.Null(e.Line);
        Assert.Contains("no gene, transcript, mRNA or exon features", e.Reason);
    }

    [Fact]
    public void Truncated_gzip_is_an_error_naming_the_file()
    {
        byte[] full;
        using (var ms = new MemoryStream())
        {
            using (var z = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(File.ReadAllBytes(Gencode));
            full = ms.ToArray();
        }
        string f = _tmp["cut.gff3.gz"];
        File.WriteAllBytes(f, full[..(full.Length / 2)]);
        var e = Assert.Throws<BadInputException>(() => AnnotationImport.Run(f, _tmp["out"]));
        Assert.Equal(f, e.File);
    }

    [Fact]
    public void A_failed_import_leaves_the_earlier_files_and_no_temporaries()
    {
        var (dir, _) = Import(_tmp, Drb1);
        var before = Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        string bad = Gff(File.ReadAllText(Drb1) + "chr1\tS\tgene\tx\t1\t.\t+\t.\tID=bad\n", "bad.gff3");
        Assert.Throws<BadInputException>(() => AnnotationImport.Run(bad, dir));
        var after = Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (k, v) in before) Assert.Equal(v, after[k]);
    }

    [Fact]
    public void Cancellation_stops_the_import_and_leaves_nothing()
    {
        var sb = new StringBuilder(Header);
        for (int i = 0; i < 20000; i++) sb.Append("chr1\tS\tgene\t").Append(i + 1).Append('\t').Append(i + 9).Append("\t.\t+\t.\tID=g").Append(i).Append('\n');
        string f = Gff(sb.ToString());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => AnnotationImport.Run(f, _tmp["out"], cts.Token));
        Assert.Empty(Directory.GetFiles(_tmp["out"]));
    }
}
