namespace Pangy.Core.Sqlite;

/// <summary>
/// A new SQLite file loaded in bulk over <see cref="SqliteDatabase"/>: one transaction, prepared multi-row INSERTs,
/// journaling and syncing off (the file is staged and published only when complete, so a crash leaves nothing
/// visible), the reference's page size, a small cache (larger ones were slower here).
/// </summary>
public sealed class BulkSqliteDatabase : IDisposable
{
    private readonly SqliteDatabase _db;

    private BulkSqliteDatabase(SqliteDatabase db) => _db = db;

    /// <summary>The file's path.</summary>
    public string Path => _db.Path;

    /// <summary>Rows changed by the last INSERT, UPDATE or DELETE.</summary>
    public int Changes => _db.Changes;

    /// <summary>Creates (replacing any) the database at <paramref name="path"/> and opens a transaction.</summary>
    public static BulkSqliteDatabase Create(string path)
    {
        File.Delete(path);
        var d = new BulkSqliteDatabase(SqliteDatabase.Create(path));
        d.Exec("PRAGMA page_size=8192; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536; " +
               "PRAGMA temp_store=FILE; PRAGMA locking_mode=EXCLUSIVE; BEGIN");
        return d;
    }

    /// <summary>Runs one or more SQL statements.</summary>
    public void Exec(string sql) => _db.Exec(sql);

    /// <summary>A statement of one's own (for the few loads that are not plain inserts); the caller disposes it.</summary>
    public SqliteStatement Prepare(string sql) => _db.Prepare(sql);

    /// <summary>A bulk inserter into <paramref name="table"/> binding <paramref name="columns"/> in order.</summary>
    public BulkInsert Insert(string table, params string[] columns) => new(_db, table, columns);

    /// <summary>Commits, creates <paramref name="indexes"/>, runs a quick ANALYZE, and closes the file.</summary>
    public void Complete(params string[] indexes)
    {
        Exec("COMMIT");
        foreach (var sql in indexes) Exec(sql);
        // A bounded ANALYZE: planner statistics at a fraction of a full scan's cost.
        Exec("PRAGMA analysis_limit=2000; ANALYZE");
        Dispose();
    }

    public void Dispose() => _db.Dispose();
}
