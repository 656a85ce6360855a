using Pangy.Core.Datastore;

namespace Pangy.Core.Annotations;

/// <summary>
/// The files of one annotation set and the SQL that creates <c>annotations.db</c>, exactly as the reference's
/// <c>annotation_db.py</c> does (§3.5): one table, a text primary key (which SQLite lets be NULL), two indexes
/// created after the bulk load.
/// </summary>
public static class AnnotationSchema
{
    /// <summary>
    /// The version of the files below, carried in the names they are published under in the asset bucket
    /// (docs/assets.md): raise it whenever the table, the indexes or the quick index change, so that a Pangy never
    /// reads a database it does not know and the bucket can hold several versions side by side.
    /// </summary>
    public const int FormatVersion = 1;

    /// <summary>The SQLite file of an annotation set.</summary>
    public const string DatabaseFileName = AnnotationLayout.DatabaseName;

    /// <summary>The sidecar listing the distinct gene names: <c>{"genes": [...]}</c>, indent 4, gzip.</summary>
    public const string QuickIndexFileName = AnnotationLayout.QuickIndexName;

    /// <summary>The table, column for column as the reference creates it.</summary>
    public const string CreateTable =
        "CREATE TABLE annotations (id TEXT PRIMARY KEY, type TEXT NOT NULL, chrom TEXT NOT NULL, " +
        "start INTEGER NOT NULL, end INTEGER NOT NULL, strand TEXT, source TEXT, gene_name TEXT, " +
        "exon_number INTEGER, parent TEXT, tag TEXT, ensembl_canonical BOOLEAN DEFAULT 0, " +
        "mane_select BOOLEAN DEFAULT 0)";

    /// <summary>The two secondary indexes, created after the rows are in.</summary>
    public static readonly IReadOnlyList<string> CreateIndexes =
    [
        "CREATE INDEX idx_gene_name ON annotations(gene_name, type)",
        "CREATE INDEX idx_chrom_start_end ON annotations(chrom, start, end)",
    ];

    /// <summary>The columns in table order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "type", "chrom", "start", "end", "strand", "source", "gene_name", "exon_number", "parent", "tag",
        "ensembl_canonical", "mane_select",
    ];
}
