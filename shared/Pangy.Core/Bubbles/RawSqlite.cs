using System.Runtime.InteropServices;
using SQLitePCL;

namespace Pangy.Core.Bubbles;

/// <summary>
/// A thin wrapper over <c>SQLitePCL.raw</c> for the bubble stage's bulk reads and writes: ADO.NET costs several
/// times more per row (see docs/performance-floors), and these loops run once per segment or bubble.
/// </summary>
internal sealed class RawSqlite : IDisposable
{
    private static readonly object InitLock = new();
    private static bool _initialized;
    private readonly sqlite3 _db;

    public string Path { get; }

    private RawSqlite(sqlite3 db, string path) { _db = db; Path = path; }

    private static void EnsureInitialized()
    {
        lock (InitLock)
        {
            if (_initialized) return;
            Batteries_V2.Init();
            _initialized = true;
        }
    }

    public static RawSqlite OpenReadOnly(string path)
    {
        EnsureInitialized();
        int rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY, null);
        if (rc != raw.SQLITE_OK)
        {
            string msg = db is null ? $"error {rc}" : raw.sqlite3_errmsg(db).utf8_to_string();
            db?.Dispose();
            throw new IOException($"{path}: cannot open ({msg})");
        }
        return new RawSqlite(db, path);
    }

    public static RawSqlite Create(string path)
    {
        EnsureInitialized();
        int rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE, null);
        if (rc != raw.SQLITE_OK)
        {
            string msg = db is null ? $"error {rc}" : raw.sqlite3_errmsg(db).utf8_to_string();
            db?.Dispose();
            throw new IOException($"{path}: cannot create ({msg})");
        }
        return new RawSqlite(db, path);
    }

    public void Exec(string sql) => Check(raw.sqlite3_exec(_db, sql));

    public Statement Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var stmt));
        return new Statement(this, stmt);
    }

    /// <summary>True when a table of that name exists.</summary>
    public bool HasTable(string name)
    {
        using var st = Prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1");
        st.BindText(1, name);
        return st.Step();
    }

    /// <summary>The column names of a table, in order.</summary>
    public List<string> Columns(string table)
    {
        var names = new List<string>();
        using var st = Prepare($"PRAGMA table_info(\"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\")");
        while (st.Step()) names.Add(st.Text(1));
        return names;
    }

    internal void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_ROW && rc != raw.SQLITE_DONE)
            throw new IOException($"{Path}: SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}");
    }

    public void Dispose() => _db.Dispose();

    /// <summary>
    /// A prepared statement; bind, step, read columns, reset. The per-row calls go straight to the native library
    /// (the same e_sqlite3 that SQLitePCL loaded) with the raw statement pointer: SQLitePCL's provider indirection and
    /// SafeHandle reference counting cost about as much as SQLite's own work on these short rows.
    /// </summary>
    internal sealed unsafe class Statement : IDisposable
    {
        private readonly RawSqlite _owner;
        private readonly sqlite3_stmt _stmt;
        private readonly IntPtr _handle;

        public Statement(RawSqlite owner, sqlite3_stmt stmt)
        {
            _owner = owner;
            _stmt = stmt;
            _handle = stmt.DangerousGetHandle();
        }

        /// <summary>Steps once: true when a row is available, false when done.</summary>
        public bool Step()
        {
            int rc = Native.sqlite3_step(_handle);
            if (rc == raw.SQLITE_ROW) return true;
            if (rc == raw.SQLITE_DONE) return false;
            _owner.Check(rc);
            return false;
        }

        public void Reset() => _owner.Check(Native.sqlite3_reset(_handle));
        public long Int64(int col) => Native.sqlite3_column_int64(_handle, col);
        public double Double(int col) => Native.sqlite3_column_double(_handle, col);
        public bool IsNull(int col) => Native.sqlite3_column_type(_handle, col) == raw.SQLITE_NULL;
        public string Text(int col) => raw.sqlite3_column_text(_stmt, col).utf8_to_string();
        public void BindInt64(int index, long value) => _owner.Check(Native.sqlite3_bind_int64(_handle, index, value));
        public void BindDouble(int index, double value) => _owner.Check(Native.sqlite3_bind_double(_handle, index, value));
        public void BindNull(int index) => _owner.Check(Native.sqlite3_bind_null(_handle, index));
        public void BindText(int index, string value) => _owner.Check(raw.sqlite3_bind_text(_stmt, index, value));

        /// <summary>Binds UTF-8 text; SQLite copies it (SQLITE_TRANSIENT), so the buffer may be reused at once.</summary>
        public void BindText(int index, ReadOnlySpan<byte> utf8)
        {
            fixed (byte* p = utf8)
            {
                // A non-null pointer even for empty text, so that SQLite stores '' rather than NULL.
                byte empty = 0;
                _owner.Check(Native.sqlite3_bind_text(_handle, index, p == null ? &empty : p, utf8.Length, Native.Transient));
            }
        }

        public void Dispose() => _stmt.Dispose();
    }

    private static unsafe class Native
    {
        private const string Lib = "e_sqlite3";
        public static readonly IntPtr Transient = new(-1);

        [DllImport(Lib)] public static extern int sqlite3_step(IntPtr stmt);
        [DllImport(Lib)] public static extern int sqlite3_reset(IntPtr stmt);
        [DllImport(Lib)] public static extern long sqlite3_column_int64(IntPtr stmt, int col);
        [DllImport(Lib)] public static extern double sqlite3_column_double(IntPtr stmt, int col);
        [DllImport(Lib)] public static extern int sqlite3_column_type(IntPtr stmt, int col);
        [DllImport(Lib)] public static extern int sqlite3_bind_int64(IntPtr stmt, int index, long value);
        [DllImport(Lib)] public static extern int sqlite3_bind_double(IntPtr stmt, int index, double value);
        [DllImport(Lib)] public static extern int sqlite3_bind_null(IntPtr stmt, int index);
        [DllImport(Lib)] public static extern int sqlite3_bind_text(IntPtr stmt, int index, byte* text, int length, IntPtr destructor);
    }
}
