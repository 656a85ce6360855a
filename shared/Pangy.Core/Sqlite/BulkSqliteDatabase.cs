using System.Text;
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
    private static readonly object InitLock = new();
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
        // The flag is set only after Init returns: a second thread must not open a database while the first is loading.
        if (Volatile.Read(ref _initialized) == 1) return;
        lock (InitLock)
        {
            if (_initialized == 1) return;
            Batteries_V2.Init();
            Volatile.Write(ref _initialized, 1);
        }
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

/// <summary>
/// Adds rows through a prepared INSERT of <see cref="RowsPerStatement"/> rows (fewer statement executions than
/// one row at a time). Columns are given in order with <see cref="Int"/>, <see cref="Real"/>, <see cref="Text(ReadOnlySpan{byte})"/>
/// and <see cref="Null"/>; <see cref="EndRow"/> closes a row. Dispose flushes the last rows.
/// </summary>
public sealed class BulkInsert : IDisposable
{
    /// <summary>Rows per multi-row INSERT; 16 was the measured sweet spot here.</summary>
    public const int RowsPerStatement = 16;

    private enum Kind : byte { Null, Int, Real, Text }

    private readonly BulkSqliteDatabase _owner;
    private readonly int _columns;
    private readonly sqlite3_stmt _multi;
    private readonly sqlite3_stmt _single;
    private readonly Kind[] _kinds;
    private readonly long[] _ints;
    private readonly double[] _reals;
    private readonly int[] _textStart;
    private readonly int[] _textLength;
    private byte[] _arena = new byte[1 << 16];
    private int _arenaUsed;
    private int _rows, _col;
    private bool _disposed;

    internal BulkInsert(BulkSqliteDatabase owner, string table, string[] columns)
    {
        _owner = owner;
        _columns = columns.Length;
        string rowSql = "(" + string.Join(",", Enumerable.Repeat("?", _columns)) + ")";
        string head = $"INSERT INTO {table}({string.Join(",", columns)}) VALUES ";
        Prepare(head + string.Join(",", Enumerable.Repeat(rowSql, RowsPerStatement)), out _multi);
        Prepare(head + rowSql, out _single);
        int cells = _columns * RowsPerStatement;
        _kinds = new Kind[cells];
        _ints = new long[cells];
        _reals = new double[cells];
        _textStart = new int[cells];
        _textLength = new int[cells];
    }

    /// <summary>Rows inserted so far (including buffered ones).</summary>
    public long Count { get; private set; }

    private void Prepare(string sql, out sqlite3_stmt stmt)
    {
        int rc = raw.sqlite3_prepare_v2(_owner.Handle, sql, out stmt);
        if (rc != raw.SQLITE_OK) throw new IOException($"SQLite prepare failed: {raw.sqlite3_errmsg(_owner.Handle).utf8_to_string()} ({sql})");
    }

    private int Cell() => _rows * _columns + _col++;

    public BulkInsert Int(long v) { int c = Cell(); _kinds[c] = Kind.Int; _ints[c] = v; return this; }
    public BulkInsert Real(double v) { int c = Cell(); _kinds[c] = Kind.Real; _reals[c] = v; return this; }
    public BulkInsert Null() { int c = Cell(); _kinds[c] = Kind.Null; return this; }

    public BulkInsert Text(ReadOnlySpan<byte> utf8)
    {
        int c = Cell();
        if (_arenaUsed + utf8.Length > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + utf8.Length));
        utf8.CopyTo(_arena.AsSpan(_arenaUsed));
        _kinds[c] = Kind.Text;
        _textStart[c] = _arenaUsed;
        _textLength[c] = utf8.Length;
        _arenaUsed += utf8.Length;
        return this;
    }

    public BulkInsert Text(string v)
    {
        int max = Encoding.UTF8.GetMaxByteCount(v.Length);
        Span<byte> tmp = max <= 512 ? stackalloc byte[max] : new byte[max];
        int n = Encoding.UTF8.GetBytes(v, tmp);
        return Text(tmp[..n]);
    }

    /// <summary>Closes the current row.</summary>
    public void EndRow()
    {
        if (_col != _columns) throw new InvalidOperationException($"row has {_col} values, table insert expects {_columns}");
        _col = 0;
        _rows++;
        Count++;
        if (_rows == RowsPerStatement) FlushBatch();
    }

    private void FlushBatch()
    {
        Bind(_multi, 0, RowsPerStatement);
        Step(_multi);
        _rows = 0;
        _arenaUsed = 0;
    }

    private void Bind(sqlite3_stmt stmt, int firstRow, int rows)
    {
        int baseCell = firstRow * _columns;
        for (int k = 0; k < rows * _columns; k++)
        {
            int c = baseCell + k;
            int idx = k + 1;
            int rc = _kinds[c] switch
            {
                Kind.Int => raw.sqlite3_bind_int64(stmt, idx, _ints[c]),
                Kind.Real => raw.sqlite3_bind_double(stmt, idx, _reals[c]),
                Kind.Text => raw.sqlite3_bind_text(stmt, idx, _arena.AsSpan(_textStart[c], _textLength[c])),
                _ => raw.sqlite3_bind_null(stmt, idx),
            };
            if (rc != raw.SQLITE_OK) throw new IOException($"SQLite bind failed: {raw.sqlite3_errstr(rc).utf8_to_string()}");
        }
    }

    private void Step(sqlite3_stmt stmt)
    {
        int rc = raw.sqlite3_step(stmt);
        if (rc != raw.SQLITE_DONE)
        {
            string msg = raw.sqlite3_errmsg(_owner.Handle).utf8_to_string();
            raw.sqlite3_reset(stmt);
            throw new SqliteBulkException($"SQLite insert failed in {Path.GetFileName(_owner.Path)}: {msg}", rc);
        }
        raw.sqlite3_reset(stmt);
    }

    /// <summary>Inserts buffered rows and releases the statements.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            for (int r = 0; r < _rows; r++)
            {
                Bind(_single, r, 1);
                Step(_single);
            }
            _rows = 0;
        }
        finally
        {
            raw.sqlite3_finalize(_multi);
            raw.sqlite3_finalize(_single);
        }
    }
}

/// <summary>A bulk insert rejected by SQLite (for example a duplicate primary key).</summary>
public sealed class SqliteBulkException(string message, int resultCode) : IOException(message)
{
    public int ResultCode { get; } = resultCode;
}
