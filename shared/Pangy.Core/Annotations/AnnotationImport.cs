using System.Diagnostics;
using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Compression;
using Pangy.Core.Formats.Gff3;
using Pangy.Core.Sqlite;

namespace Pangy.Core.Annotations;

/// <summary>
/// GFF3 (plain or gzip) → <c>annotations.db</c> and <c>annotations.quickindex.json.gz</c>, by the reference's rules
/// (<c>parse_gff3.py</c>, §9.1) with two documented extensions (docs/annotations.md):
/// <list type="bullet">
/// <item><c>mRNA</c> rows are kept (type stored as written) and treated as transcripts: they get the Ensembl-canonical
/// and MANE flags, join gene trees and the MANE filter. The reference keeps only gene, transcript and exon rows.</item>
/// <item>A gene without <c>gene_name=</c> takes its <c>Name=</c>; a transcript or exon without <c>gene_name=</c> then takes
/// the gene name of its parent (after all rows are in, so the order of the file does not matter). A transcript's or
/// exon's own <c>Name=</c> is not used: in Ensembl and RefSeq files it names the transcript or exon (<c>BRCA2-201</c>,
/// <c>ENSE…</c>), not the gene. Files that carry <c>gene_name=</c> on every row (GENCODE) are unaffected.</item>
/// </list>
/// Everything else is the reference's: comments and lines with fewer than 9 columns are skipped; only gene,
/// transcript, mRNA and exon rows are kept; attribute keys are case-insensitive and only <c>ID</c>, <c>Parent</c>,
/// <c>gene_name</c>, <c>exon_number</c>, <c>tag</c> (and <c>Name</c>) are read; an <c>exon:…:N</c> ID gives the exon
/// number; flags are substring tests on the lower-cased tag list, on transcripts only; a duplicate ID is skipped (the
/// first one wins) and counted. Errors name the file and line: a start or end that is not an integer, an end before
/// the start, text that is not UTF-8, GTF-style attributes (<c>gene_id "X"</c>) on a kept row, a truncated gzip, and a
/// file with no gene, transcript, mRNA or exon row at all.
/// </summary>
public static class AnnotationImport
{
    private const int DuplicateExampleCount = 5;

    /// <summary>
    /// Imports <paramref name="gff3Path"/> into <paramref name="outputDirectory"/> (created if missing). Both files are
    /// written under temporary names and renamed at the end, so a failed import leaves whatever was there before.
    /// </summary>
    /// <exception cref="BadInputException">The GFF3 cannot be used (file, line, reason).</exception>
    public static AnnotationImportResult Run(string gff3Path, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gff3Path);
        using var fs = new FileStream(gff3Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Run(fs, gff3Path, outputDirectory, cancellationToken);
    }

    /// <summary>Imports GFF3 text from <paramref name="gff3"/> (plain or gzip; left open); <paramref name="fileName"/> names it in errors.</summary>
    public static AnnotationImportResult Run(Stream gff3, string fileName, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gff3);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outputDirectory);
        string suffix = $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        string dbTemp = Path.Combine(outputDirectory, AnnotationSchema.DatabaseFileName + suffix);
        string quickTemp = Path.Combine(outputDirectory, AnnotationSchema.QuickIndexFileName + suffix);
        try
        {
            // Sniffed by content, not by name; the caller's stream stays open either way.
            var (head, plain) = InputStreams.Peek(gff3, 2);
            using var gunzip = InputStreams.IsGzip(head) ? new GzipDecompressStream(plain, fileName, leaveOpen: true) : null;
            using var reader = new Gff3Reader(gunzip ?? plain, fileName, leaveOpen: true);
            var counts = Load(reader, dbTemp, cancellationToken, out var geneNames);
            using (var q = new FileStream(quickTemp, FileMode.CreateNew, FileAccess.Write))
                AnnotationQuickIndex.Write(q, geneNames);
            File.Move(dbTemp, Path.Combine(outputDirectory, AnnotationSchema.DatabaseFileName), overwrite: true);
            File.Move(quickTemp, Path.Combine(outputDirectory, AnnotationSchema.QuickIndexFileName), overwrite: true);
            return counts with { Elapsed = clock.Elapsed };
        }
        finally
        {
            TryDelete(dbTemp);
            TryDelete(quickTemp);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private enum Kind { None, Gene, Transcript, Exon }

    private static Kind Classify(ReadOnlySpan<byte> type)
    {
        if (Gff3Attributes.KeyIs(type, "gene"u8)) return Kind.Gene;
        if (Gff3Attributes.KeyIs(type, "exon"u8)) return Kind.Exon;
        if (Gff3Attributes.KeyIs(type, "transcript"u8) || Gff3Attributes.KeyIs(type, "mrna"u8)) return Kind.Transcript;
        return Kind.None;
    }

    private static AnnotationImportResult Load(Gff3Reader reader, string dbPath, CancellationToken cancellationToken, out List<string> geneNames)
    {
        long rows = 0, genes = 0, transcripts = 0, exons = 0, duplicates = 0;
        bool needsInheritance = false;
        var examples = new List<string>();
        using var db = BulkSqliteDatabase.Create(dbPath);
        db.Exec(AnnotationSchema.CreateTable);
        using (var insert = db.Prepare("INSERT OR IGNORE INTO annotations (id, type, chrom, start, end, strand, source, gene_name, " +
                                 "exon_number, parent, tag, ensembl_canonical, mane_select) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"))
        {
            while (reader.Read())
            {
                if ((reader.LineNumber & 0x1fff) == 0) cancellationToken.ThrowIfCancellationRequested();
                var kind = Classify(reader.Type);
                if (kind == Kind.None) continue;
                var f = FeatureAttributes.Parse(reader.Attributes);
                var geneName = f.GeneName;
                bool hasGeneName = f.HasGeneName;
                if (!hasGeneName && kind == Kind.Gene && f.HasName) { geneName = f.Name; hasGeneName = true; }
                if (!hasGeneName && kind != Kind.Gene && f.HasParent) needsInheritance = true;
                bool canonical = false, mane = false;
                if (kind == Kind.Transcript)
                {
                    canonical = ContainsIgnoreCase(f.Tag, "ensembl_canonical"u8);
                    mane = ContainsIgnoreCase(f.Tag, "mane_select"u8);
                }

                BindTextOrNull(insert, 1, f.Id, f.HasId);
                insert.BindText(2, reader.Type);
                insert.BindText(3, reader.SeqId);
                insert.BindInt64(4, reader.Start);
                insert.BindInt64(5, reader.End);
                insert.BindText(6, reader.Strand);
                insert.BindText(7, reader.Source);
                BindTextOrNull(insert, 8, geneName, hasGeneName);
                if (f.ExonNumber is { } n) insert.BindInt64(9, n); else insert.BindNull(9);
                BindTextOrNull(insert, 10, f.Parent, f.HasParent);
                insert.BindText(11, f.Tag);
                insert.BindInt64(12, canonical ? 1 : 0);
                insert.BindInt64(13, mane ? 1 : 0);
                insert.Execute();
                if (db.Changes == 0)
                {
                    // INSERT OR IGNORE skipped it: only the primary key can conflict, so it is a duplicate ID.
                    duplicates++;
                    if (examples.Count < DuplicateExampleCount)
                        examples.Add($"{Encoding.UTF8.GetString(f.Id)} (line {reader.LineNumber})");
                    continue;
                }
                rows++;
                switch (kind)
                {
                    case Kind.Gene: genes++; break;
                    case Kind.Transcript: transcripts++; break;
                    default: exons++; break;
                }
            }
        }
        if (rows == 0)
            throw new BadInputException(reader.FileName, null,
                "no gene, transcript, mRNA or exon features found (is this a GFF3 file with 9 tab-separated columns?)");
        cancellationToken.ThrowIfCancellationRequested();
        if (needsInheritance) InheritGeneNames(db);
        geneNames = DistinctGeneNames(db);
        db.Complete([.. AnnotationSchema.CreateIndexes]);
        return new AnnotationImportResult(rows, genes, transcripts, exons, duplicates, TimeSpan.Zero)
        {
            GeneNames = geneNames.Count,
            MalformedLinesSkipped = reader.SkippedLines,
            DuplicateExamples = examples,
        };
    }

    // Rows without gene_name= take their parent's, level by level (gene → transcript → exon); bounded, since each
    // pass only fills NULLs and a parent chain deeper than a few levels is not an annotation.
    private static void InheritGeneNames(BulkSqliteDatabase db)
    {
        const string sql =
            "UPDATE annotations SET gene_name = p.gene_name FROM annotations AS p " +
            "WHERE annotations.gene_name IS NULL AND annotations.parent IS NOT NULL AND p.id = annotations.parent AND p.gene_name IS NOT NULL";
        for (int pass = 0; pass < 8; pass++)
        {
            db.Exec(sql);
            if (db.Changes == 0) break;
        }
    }

    private static List<string> DistinctGeneNames(BulkSqliteDatabase db)
    {
        var names = new List<string>();
        using var st = db.Prepare("SELECT DISTINCT gene_name FROM annotations WHERE gene_name IS NOT NULL ORDER BY gene_name");
        while (st.Step()) names.Add(st.Text(0));
        return names;
    }

    private static void BindTextOrNull(SqliteStatement stmt, int index, ReadOnlySpan<byte> utf8, bool present)
    {
        // An empty span binds '' (not NULL): the tests check that an absent tag is stored as ''.
        if (present) stmt.BindText(index, utf8);
        else stmt.BindNull(index);
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (int i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
            if (Gff3Attributes.KeyIs(haystack.Slice(i, lowerNeedle.Length), lowerNeedle)) return true;
        return false;
    }

    /// <summary>The attributes the import reads from column 9, as spans into the reader's line.</summary>
    private ref struct FeatureAttributes
    {
        public ReadOnlySpan<byte> Id, Parent, GeneName, Name, Tag;
        public bool HasId, HasParent, HasGeneName, HasName;
        public long? ExonNumber;

        public static FeatureAttributes Parse(ReadOnlySpan<byte> column)
        {
            var f = new FeatureAttributes();
            // Later items override earlier ones, as in the reference (so exon_number= after an exon:…:N ID wins).
            foreach (var (key, value) in new Gff3Attributes(column))
            {
                if (Gff3Attributes.KeyIs(key, "id"u8))
                {
                    f.Id = value;
                    f.HasId = true;
                    if (value.StartsWith("exon:"u8) && Gff3Reader.TryParseInteger(value[(value.LastIndexOf((byte)':') + 1)..], out long n))
                        f.ExonNumber = n;
                }
                else if (Gff3Attributes.KeyIs(key, "parent"u8)) { f.Parent = value; f.HasParent = true; }
                else if (Gff3Attributes.KeyIs(key, "gene_name"u8)) { f.GeneName = value; f.HasGeneName = true; }
                else if (Gff3Attributes.KeyIs(key, "name"u8)) { f.Name = value; f.HasName = true; }
                else if (Gff3Attributes.KeyIs(key, "exon_number"u8))
                {
                    if (Gff3Reader.TryParseInteger(value, out long n)) f.ExonNumber = n;
                }
                else if (Gff3Attributes.KeyIs(key, "tag"u8)) f.Tag = value;
            }
            return f;
        }
    }
}
