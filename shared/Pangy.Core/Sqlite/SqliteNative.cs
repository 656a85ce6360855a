using System.Runtime.InteropServices;

namespace Pangy.Core.Sqlite;

/// <summary>
/// The per-row entry points of the bundled <c>e_sqlite3</c> (the library SQLitePCL loaded, under the same name), called
/// with raw statement pointers: SQLitePCL's provider indirection and SafeHandle reference counting cost about as much
/// as SQLite's own work on short rows (see docs/performance-floors).
/// </summary>
internal static unsafe class SqliteNative
{
    private const string Lib = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies bound text, so the caller's buffer may be reused at once.</summary>
    public static readonly IntPtr Transient = new(-1);

    [DllImport(Lib)] public static extern int sqlite3_step(IntPtr stmt);
    [DllImport(Lib)] public static extern int sqlite3_reset(IntPtr stmt);
    [DllImport(Lib)] public static extern int sqlite3_clear_bindings(IntPtr stmt);
    [DllImport(Lib)] public static extern long sqlite3_column_int64(IntPtr stmt, int col);
    [DllImport(Lib)] public static extern double sqlite3_column_double(IntPtr stmt, int col);
    [DllImport(Lib)] public static extern int sqlite3_column_type(IntPtr stmt, int col);
    [DllImport(Lib)] public static extern byte* sqlite3_column_blob(IntPtr stmt, int col);
    [DllImport(Lib)] public static extern int sqlite3_column_bytes(IntPtr stmt, int col);
    [DllImport(Lib)] public static extern int sqlite3_bind_int64(IntPtr stmt, int index, long value);
    [DllImport(Lib)] public static extern int sqlite3_bind_double(IntPtr stmt, int index, double value);
    [DllImport(Lib)] public static extern int sqlite3_bind_null(IntPtr stmt, int index);
    [DllImport(Lib)] public static extern int sqlite3_bind_text(IntPtr stmt, int index, byte* text, int length, IntPtr destructor);
}
