namespace Pangy.Core.Sqlite;

/// <summary>One connection of a <see cref="ReadOnlySqlite"/> pool and its prepared statements.</summary>
public sealed class ReadOnlySqliteConnection : IDisposable
{
    private readonly SqliteDatabase _db;
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);

    private ReadOnlySqliteConnection(SqliteDatabase db) => _db = db;

    /// <summary>The database file.</summary>
    public string FilePath => _db.Path;

    internal static ReadOnlySqliteConnection Open(string path, bool memoryMapped)
    {
        var db = SqliteDatabase.OpenImmutable(path);
        try
        {
            db.Exec(memoryMapped ? "PRAGMA mmap_size=268435456" : "PRAGMA mmap_size=0");
            // A mapped file's pages are read in place, so its page cache holds little; a file read with pread keeps its
            // pages here, and its rows are kept parsed above (BubbleStore), so 2 MB of b-tree pages is plenty.
            db.Exec(memoryMapped ? "PRAGMA cache_size=-16000" : "PRAGMA cache_size=-2000");
        }
        catch
        {
            db.Dispose();
            throw;
        }
        return new ReadOnlySqliteConnection(db);
    }

    /// <summary>The statement for <paramref name="sql"/>, prepared once per connection; reset it after use.</summary>
    public SqliteStatement Prepare(string sql)
    {
        if (_statements.TryGetValue(sql, out var st)) return st;
        st = _db.Prepare(sql, persistent: true);
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

    internal void ResetAll()
    {
        foreach (var st in _statements.Values) st.ResetQuietly();
    }

    public void Dispose()
    {
        foreach (var st in _statements.Values) st.Dispose();
        _statements.Clear();
        _db.Dispose();
    }
}
