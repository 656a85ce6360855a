using Microsoft.Data.Sqlite;
using Pangy.Core.Annotations;

namespace Pangy.Core.Tests.Annotations;

/// <summary>Annotation test inputs and a small SQL helper.</summary>
internal static class AnnotationTestFiles
{
    /// <summary>The reference's DRB1 fixture: chr6 HLA-DRB1 (2 transcripts × 3 exons, one MANE), TINY1 (lncRNA), chr1 FARAWAY.</summary>
    public static string Drb1 => TestData.Path("drb1", "drb1_annotations.gff3");

    /// <summary>A real GENCODE v29 slice (4 genes, 45 transcripts, 189 exons, plus CDS/UTR/codon rows).</summary>
    public static string Gencode => TestData.Path("gencode", "gencode.v29.annotation.gff3");

    /// <summary>The DRB1 region of the reference's annotation tests.</summary>
    public const long RegionStart = 32578000, RegionEnd = 32590000;

    /// <summary>Imports <paramref name="gff3"/> into a new directory of <paramref name="tmp"/>.</summary>
    public static (string Dir, AnnotationImportResult Result) Import(TempDir tmp, string gff3, string name = "set")
    {
        string dir = tmp[name];
        return (dir, AnnotationImport.Run(gff3, dir));
    }

    /// <summary>Runs a query on <c>annotations.db</c> of <paramref name="dir"/>, each row as an object array.</summary>
    public static List<object?[]> Sql(string dir, string sql)
    {
        using var conn = new SqliteConnection($"Data Source={Path.Combine(dir, AnnotationSchema.DatabaseFileName)};Mode=ReadOnly;Pooling=False");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public static long Scalar(string dir, string sql) => Convert.ToInt64(Sql(dir, sql)[0][0]);
}
