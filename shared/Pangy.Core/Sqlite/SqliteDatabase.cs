using SQLitePCL;

namespace Pangy.Core.Sqlite;

/// <summary>
/// One open SQLite file through the raw SQLite API (no ADO.NET layer: it costs several times more per row, see
/// docs/performance-floors). The core under <see cref="BulkSqliteDatabase"/> (new files loaded in bulk),
/// <see cref="ReadOnlySqlite"/> (pooled query reads) and the bubble stage's reads and writes. Not thread-safe: one
/// thread at a time.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private static int _initialized;
    private static readonly object InitLock = new();
    private sqlite3? _db;

    private SqliteDatabase(sqlite3 db, string path)
    {
        _db = db;
        Path = path;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    private sqlite3 Handle => _db ?? throw new ObjectDisposedException(nameof(SqliteDatabase));

    /// <summary>Rows changed by the last INSERT, UPDATE or DELETE.</summary>
    public int Changes => raw.sqlite3_changes(Handle);

    /// <summary>Opens an existing file read-only.</summary>
    public static SqliteDatabase OpenReadOnly(string path) => Open(path, path, raw.SQLITE_OPEN_READONLY, "open");

    /// <summary>
    /// Opens an existing file read-only and <c>immutable</c>: for published files that never change in place, so that
    /// SQLite skips locking and change detection.
    /// </summary>
    public static SqliteDatabase OpenImmutable(string path)
    {
        string uri = new Uri(System.IO.Path.GetFullPath(path)).AbsoluteUri + "?immutable=1";
        return Open(uri, path, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX | raw.SQLITE_OPEN_URI, "open");
    }

    /// <summary>Creates the file at <paramref name="path"/> (or opens it read-write if it exists).</summary>
    public static SqliteDatabase Create(string path) =>
        Open(path, path, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE | raw.SQLITE_OPEN_NOMUTEX, "create");

    private static SqliteDatabase Open(string name, string path, int flags, string verb)
    {
        EnsureInitialized();
        int rc = raw.sqlite3_open_v2(name, out var db, flags, null);
        if (rc != raw.SQLITE_OK)
        {
            string msg = db is null ? $"error {rc}" : raw.sqlite3_errmsg(db).utf8_to_string();
            db?.Dispose();
            throw new IOException($"{path}: cannot {verb} ({msg})");
        }
        return new SqliteDatabase(db, path);
    }

    /// <summary>Makes sure the bundled native SQLite is loaded (idempotent).</summary>
    public static void EnsureInitialized()
    {
        // The flag is set only after Init returns: a second thread must not open a database while the first is loading.
        if (Volatile.Read(ref _initialized) == 1) return;
        lock (InitLock)
        {
            if (_initialized == 1) return;
            Batteries_V2.Init();
            Volatile.Write(ref _initialized, 1);
        }
    }

    /// <summary>Runs one or more SQL statements.</summary>
    public void Exec(string sql)
    {
        int rc = raw.sqlite3_exec(Handle, sql, out string? err);
        if (rc != raw.SQLITE_OK)
            throw new IOException($"{Path}: SQLite error {rc}: {err ?? raw.sqlite3_errstr(rc).utf8_to_string()} ({sql})");
    }

    /// <summary>
    /// Prepares <paramref name="sql"/>; <paramref name="persistent"/> tells SQLite the statement will be kept and reused
    /// many times.
    /// </summary>
    public SqliteStatement Prepare(string sql, bool persistent = false)
    {
        int rc = persistent
            ? raw.sqlite3_prepare_v3(Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out var stmt)
            : raw.sqlite3_prepare_v2(Handle, sql, out stmt);
        if (rc != raw.SQLITE_OK) throw Error(rc, $" ({sql})");
        return new SqliteStatement(this, stmt);
    }

    /// <summary>True when a table of that name exists.</summary>
    public bool HasTable(string name)
    {
        using var st = Prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1");
        st.BindText(1, name);
        return st.Step();
    }

    /// <summary>Throws for a result code other than OK, ROW or DONE.</summary>
    internal void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_ROW && rc != raw.SQLITE_DONE) throw Error(rc, "");
    }

    /// <summary>SQLite's message for the last failed call.</summary>
    internal string LastError => raw.sqlite3_errmsg(Handle).utf8_to_string();

    /// <summary>The error SQLite reports for <paramref name="rc"/>, naming the file.</summary>
    internal IOException Error(int rc, string suffix) =>
        new($"{Path}: SQLite error {rc}: {LastError}{suffix}");

    public void Dispose()
    {
        if (_db is null) return;
        _db.Dispose();
        _db = null;
    }
}
