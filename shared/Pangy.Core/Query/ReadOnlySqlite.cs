using System.Collections.Concurrent;
using SQLitePCL;

namespace Pangy.Core.Query;

/// <summary>
/// A pool of read-only connections to one SQLite file, shared by all requests. Each connection is used by one thread
/// at a time (taken from the pool, returned after the query) and keeps its prepared statements, so a lookup costs a
/// bind and a step. Files are opened <c>immutable</c>: a published chromosome never changes in place (a replacement
/// is a new directory), so SQLite can skip locking and change detection.
/// </summary>
public sealed class ReadOnlySqlite : IDisposable
{
    private static readonly object InitLock = new();
    private static bool _initialized;

    private readonly ConcurrentBag<Connection> _idle = [];
    private readonly ConcurrentBag<Connection> _all = [];
    private volatile bool _disposed;

    private readonly bool _memoryMapped;

    /// <summary>Opens the pool; no connection is made until the first query.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="memoryMapped">
    /// Read pages through a memory mapping (the default: no copy per page read, for files read often). False reads them
    /// with <c>pread</c> into SQLite's page cache, for files whose rows the caller keeps parsed: a fault on a mapping
    /// makes the kernel read the whole read-ahead window around the page (8 MB on some disks), while a read of a
    /// page reads little more than it until reads become sequential.
    /// </param>
    public ReadOnlySqlite(string path, bool memoryMapped = true)
    {
        Path = path;
        _memoryMapped = memoryMapped;
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not found", path);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Runs <paramref name="work"/> on a pooled connection.</summary>
    public T Use<T>(Func<Connection, T> work)
    {
        var c = Rent();
        try { return work(c); }
        finally { Return(c); }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection with a state argument (no closure allocation).</summary>
    public TResult Use<TState, TResult>(TState state, Func<Connection, TState, TResult> work)
    {
        var c = Rent();
        try { return work(c, state); }
        finally { Return(c); }
    }

    private Connection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var c)) return c;
        c = Connection.Open(Path, _memoryMapped);
        _all.Add(c);
        return c;
    }

    private void Return(Connection c)
    {
        c.ResetAll();
        if (_disposed) { c.Dispose(); return; }
        _idle.Add(c);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var c in _all) c.Dispose();
    }

    private static void EnsureInitialized()
    {
        lock (InitLock)
        {
            if (_initialized) return;
            Batteries_V2.Init();
            _initialized = true;
        }
    }

    /// <summary>One read-only connection and its prepared statements.</summary>
    public sealed class Connection : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly Dictionary<string, Statement> _statements = new(StringComparer.Ordinal);

        private Connection(sqlite3 db, string path) { _db = db; FilePath = path; }

        public string FilePath { get; }

        internal static Connection Open(string path, bool memoryMapped)
        {
            EnsureInitialized();
            string uri = new Uri(System.IO.Path.GetFullPath(path)).AbsoluteUri + "?immutable=1";
            int rc = raw.sqlite3_open_v2(uri, out var db,
                raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX | raw.SQLITE_OPEN_URI, null);
            if (rc != raw.SQLITE_OK)
            {
                string msg = db is null ? $"error {rc}" : raw.sqlite3_errmsg(db).utf8_to_string();
                db?.Dispose();
                throw new IOException($"{path}: cannot open ({msg})");
            }
            var c = new Connection(db, path);
            c.Exec(memoryMapped ? "PRAGMA mmap_size=268435456" : "PRAGMA mmap_size=0");
            c.Exec("PRAGMA cache_size=-16000");
            return c;
        }

        private void Exec(string sql) => Check(raw.sqlite3_exec(_db, sql));

        /// <summary>The statement for <paramref name="sql"/>, prepared once per connection.</summary>
        public Statement Prepare(string sql)
        {
            if (_statements.TryGetValue(sql, out var st)) return st;
            Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var stmt));
            st = new Statement(this, stmt);
            _statements.Add(sql, st);
            return st;
        }

        /// <summary>True when <paramref name="table"/> exists.</summary>
        public bool HasTable(string table)
        {
            var st = Prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1");
            st.BindText(1, table);
            bool has = st.Step();
            st.Reset();
            return has;
        }

        /// <summary>Column names of <paramref name="table"/>.</summary>
        public List<string> Columns(string table)
        {
            var names = new List<string>();
            var st = Prepare($"PRAGMA table_info(\"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\")");
            while (st.Step()) names.Add(st.Text(1));
            st.Reset();
            return names;
        }

        internal void ResetAll()
        {
            foreach (var st in _statements.Values) st.ResetQuietly();
        }

        internal void Check(int rc)
        {
            if (rc != raw.SQLITE_OK && rc != raw.SQLITE_ROW && rc != raw.SQLITE_DONE)
                throw new IOException($"{FilePath}: SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}");
        }

        public void Dispose()
        {
            foreach (var st in _statements.Values) st.Dispose();
            _statements.Clear();
            _db.Dispose();
        }
    }

    /// <summary>A prepared statement: bind, step, read columns; reset before the connection goes back to the pool.</summary>
    public sealed class Statement : IDisposable
    {
        private readonly Connection _owner;
        private readonly sqlite3_stmt _stmt;

        internal Statement(Connection owner, sqlite3_stmt stmt) { _owner = owner; _stmt = stmt; }

        /// <summary>Steps once: true when a row is available, false when done.</summary>
        public bool Step()
        {
            int rc = raw.sqlite3_step(_stmt);
            if (rc == raw.SQLITE_ROW) return true;
            if (rc == raw.SQLITE_DONE) return false;
            _owner.Check(rc);
            return false;
        }

        public void Reset() => _owner.Check(raw.sqlite3_reset(_stmt));
        internal void ResetQuietly() { raw.sqlite3_reset(_stmt); raw.sqlite3_clear_bindings(_stmt); }
        public long Int64(int col) => raw.sqlite3_column_int64(_stmt, col);
        public double Double(int col) => raw.sqlite3_column_double(_stmt, col);
        public bool IsNull(int col) => raw.sqlite3_column_type(_stmt, col) == raw.SQLITE_NULL;
        public string Text(int col) => raw.sqlite3_column_text(_stmt, col).utf8_to_string();
        /// <summary>The UTF-8 bytes of a text column, valid until the next step or reset.</summary>
        public ReadOnlySpan<byte> Utf8(int col) => raw.sqlite3_column_blob(_stmt, col);
        public void BindInt64(int index, long value) => _owner.Check(raw.sqlite3_bind_int64(_stmt, index, value));
        public void BindText(int index, string value) => _owner.Check(raw.sqlite3_bind_text(_stmt, index, value));
        public void Dispose() => _stmt.Dispose();
    }
}
