using SQLitePCL;

namespace Pangy.Core.Sqlite;

/// <summary>
/// A new SQLite file loaded in bulk through the raw SQLite API: no ADO.NET layer, one transaction, prepared
/// multi-row INSERTs, journaling and syncing off (the file is staged and published only when complete, so a crash
/// leaves nothing visible), the reference's page size, a small cache (larger ones were slower here).
/// </summary>
public sealed class BulkSqliteDatabase : IDisposable
{
    private static int _initialized;
    private sqlite3? _db;

    private BulkSqliteDatabase(sqlite3 db, string path)
    {
        _db = db;
        Path = path;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    internal sqlite3 Handle => _db ?? throw new ObjectDisposedException(nameof(BulkSqliteDatabase));

    /// <summary>Makes sure the bundled native SQLite is loaded (idempotent).</summary>
    public static void EnsureInitialized()
    {
        if (Interlocked.Exchange(ref _initialized, 1) == 0) Batteries_V2.Init();
    }

    /// <summary>Creates (replacing any) the database at <paramref name="path"/> and opens a transaction.</summary>
    public static BulkSqliteDatabase Create(string path)
    {
        EnsureInitialized();
        File.Delete(path);
        int rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE | raw.SQLITE_OPEN_NOMUTEX, null);
        if (rc != raw.SQLITE_OK) throw new IOException($"cannot create SQLite file {path}: {raw.sqlite3_errstr(rc).utf8_to_string()}");
        var d = new BulkSqliteDatabase(db, path);
        d.Exec("PRAGMA page_size=8192; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536; " +
               "PRAGMA temp_store=FILE; PRAGMA locking_mode=EXCLUSIVE; BEGIN");
        return d;
    }

    /// <summary>Runs one or more SQL statements.</summary>
    public void Exec(string sql)
    {
        int rc = raw.sqlite3_exec(Handle, sql, out string? err);
        if (rc != raw.SQLITE_OK) throw new IOException($"SQLite error in {System.IO.Path.GetFileName(Path)}: {err ?? raw.sqlite3_errstr(rc).utf8_to_string()} ({sql})");
    }

    /// <summary>A bulk inserter into <paramref name="table"/> binding <paramref name="columns"/> in order.</summary>
    public BulkInsert Insert(string table, params string[] columns) => new(this, table, columns);

    /// <summary>Commits, creates <paramref name="indexes"/>, runs a quick ANALYZE, and closes the file.</summary>
    public void Complete(params string[] indexes)
    {
        Exec("COMMIT");
        foreach (var sql in indexes) Exec(sql);
        // A bounded ANALYZE: planner statistics at a fraction of a full scan's cost.
        Exec("PRAGMA analysis_limit=2000; ANALYZE");
        Dispose();
    }

    public void Dispose()
    {
        if (_db is null) return;
        raw.sqlite3_close_v2(_db);
        _db.Dispose();
        _db = null;
    }
}
