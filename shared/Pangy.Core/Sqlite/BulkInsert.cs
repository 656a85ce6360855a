using System.Text;

namespace Pangy.Core.Sqlite;

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

    private readonly int _columns;
    private readonly SqliteStatement _multi;
    private readonly SqliteStatement _single;
    private readonly Kind[] _kinds;
    private readonly long[] _ints;
    private readonly double[] _reals;
    private readonly int[] _textStart;
    private readonly int[] _textLength;
    private byte[] _arena = new byte[1 << 16];
    private int _arenaUsed;
    private int _rows, _col;
    private bool _disposed;

    internal BulkInsert(SqliteDatabase db, string table, string[] columns)
    {
        _columns = columns.Length;
        string rowSql = "(" + string.Join(",", Enumerable.Repeat("?", _columns)) + ")";
        string head = $"INSERT INTO {table}({string.Join(",", columns)}) VALUES ";
        _multi = db.Prepare(head + string.Join(",", Enumerable.Repeat(rowSql, RowsPerStatement)));
        try { _single = db.Prepare(head + rowSql); }
        catch
        {
            _multi.Dispose();
            throw;
        }
        int cells = _columns * RowsPerStatement;
        _kinds = new Kind[cells];
        _ints = new long[cells];
        _reals = new double[cells];
        _textStart = new int[cells];
        _textLength = new int[cells];
    }

    /// <summary>Rows inserted so far (including buffered ones).</summary>
    public long Count { get; private set; }

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
        _multi.Execute();
        _rows = 0;
        _arenaUsed = 0;
    }

    private void Bind(SqliteStatement stmt, int firstRow, int rows)
    {
        int baseCell = firstRow * _columns;
        for (int k = 0; k < rows * _columns; k++)
        {
            int c = baseCell + k;
            int idx = k + 1;
            switch (_kinds[c])
            {
                case Kind.Int: stmt.BindInt64(idx, _ints[c]); break;
                case Kind.Real: stmt.BindDouble(idx, _reals[c]); break;
                case Kind.Text: stmt.BindText(idx, _arena.AsSpan(_textStart[c], _textLength[c])); break;
                default: stmt.BindNull(idx); break;
            }
        }
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
                _single.Execute();
            }
            _rows = 0;
        }
        finally
        {
            _multi.Dispose();
            _single.Dispose();
        }
    }
}
