using SQLitePCL;

namespace Pangy.Core.Sqlite;

/// <summary>
/// A prepared statement of a <see cref="SqliteDatabase"/>: bind, step, read columns, reset. The per-row calls go
/// straight to the native library with the raw statement pointer (<see cref="SqliteNative"/>), so a row allocates
/// nothing unless a column is read as a string.
/// </summary>
public sealed unsafe class SqliteStatement : IDisposable
{
    private readonly SqliteDatabase _owner;
    private readonly sqlite3_stmt _stmt;
    private readonly IntPtr _handle;

    internal SqliteStatement(SqliteDatabase owner, sqlite3_stmt stmt)
    {
        _owner = owner;
        _stmt = stmt;
        _handle = stmt.DangerousGetHandle();
    }

    /// <summary>Steps once: true when a row is available, false when done.</summary>
    public bool Step()
    {
        int rc = SqliteNative.sqlite3_step(_handle);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        _owner.Check(rc);
        return false;
    }

    /// <summary>
    /// Steps a statement that returns no row (an INSERT) and resets it for the next; a failure keeps SQLite's result
    /// code, so that a caller can tell a duplicate key.
    /// </summary>
    public void Execute()
    {
        int rc = SqliteNative.sqlite3_step(_handle);
        string? message = rc == raw.SQLITE_DONE ? null : _owner.LastError;
        SqliteNative.sqlite3_reset(_handle);
        if (message is null) return;
        throw new SqliteBulkException($"SQLite insert failed in {System.IO.Path.GetFileName(_owner.Path)}: {message}", rc);
    }

    public void Reset() => _owner.Check(SqliteNative.sqlite3_reset(_handle));

    /// <summary>Resets and clears the bindings, ignoring an error the last step already reported.</summary>
    public void ResetQuietly()
    {
        SqliteNative.sqlite3_reset(_handle);
        SqliteNative.sqlite3_clear_bindings(_handle);
    }

    public long Int64(int col) => SqliteNative.sqlite3_column_int64(_handle, col);
    public double Double(int col) => SqliteNative.sqlite3_column_double(_handle, col);
    public bool IsNull(int col) => SqliteNative.sqlite3_column_type(_handle, col) == raw.SQLITE_NULL;
    public string Text(int col) => raw.sqlite3_column_text(_stmt, col).utf8_to_string();

    /// <summary>The UTF-8 bytes of a text column, valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> Utf8(int col)
    {
        byte* p = SqliteNative.sqlite3_column_blob(_handle, col);
        return p == null ? default : new ReadOnlySpan<byte>(p, SqliteNative.sqlite3_column_bytes(_handle, col));
    }

    public void BindInt64(int index, long value) => _owner.Check(SqliteNative.sqlite3_bind_int64(_handle, index, value));
    public void BindDouble(int index, double value) => _owner.Check(SqliteNative.sqlite3_bind_double(_handle, index, value));
    public void BindNull(int index) => _owner.Check(SqliteNative.sqlite3_bind_null(_handle, index));
    public void BindText(int index, string value) => _owner.Check(raw.sqlite3_bind_text(_stmt, index, value));

    /// <summary>Binds UTF-8 text; SQLite copies it (SQLITE_TRANSIENT), so the buffer may be reused at once.</summary>
    public void BindText(int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* p = utf8)
        {
            // A non-null pointer even for empty text, so that SQLite stores '' rather than NULL.
            byte empty = 0;
            _owner.Check(SqliteNative.sqlite3_bind_text(_handle, index, p == null ? &empty : p, utf8.Length, SqliteNative.Transient));
        }
    }

    public void Dispose() => _stmt.Dispose();
}
