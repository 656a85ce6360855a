using Pangy.Core.Sqlite;

namespace Pangy.Core.Tests.Sqlite;

/// <summary>The raw-API core and the two roles over it: a bulk load read back through the read-only pool.</summary>
public sealed class SqliteCoreTests
{
    private static string Load(TempDir tmp, int rows)
    {
        string path = tmp["t.db"];
        using var db = BulkSqliteDatabase.Create(path);
        db.Exec("CREATE TABLE t(id INTEGER PRIMARY KEY, x REAL, s TEXT, n INTEGER)");
        using (var insert = db.Insert("t", "id", "x", "s", "n"))
            for (int i = 0; i < rows; i++)
            {
                insert.Int(i).Real(i / 2.0).Text(i % 3 == 0 ? "" : $"r{i}");
                if (i % 5 == 0) insert.Null(); else insert.Int(-i);
                insert.EndRow();
            }
        db.Complete("CREATE INDEX t_n ON t(n)");
        return path;
    }

    [Fact]
    public void Rows_loaded_in_bulk_read_back_through_the_pool_with_empty_text_kept_apart_from_null()
    {
        using var tmp = new TempDir();
        // Not a multiple of the 16-row INSERT, so the last rows go through the single-row statement.
        int rows = BulkInsert.RowsPerStatement * 3 + 5;
        string path = Load(tmp, rows);
        using var pool = new ReadOnlySqlite(path);
        for (int i = 0; i < rows; i++)
            pool.Use(i, static (c, i) =>
            {
                var st = c.Prepare("SELECT x, s, n FROM t WHERE id = ?1");
                st.BindInt64(1, i);
                Assert.True(st.Step());
                Assert.Equal(i / 2.0, st.Double(0));
                Assert.False(st.IsNull(1));
                Assert.Equal(i % 3 == 0 ? "" : $"r{i}", st.Text(1));
                Assert.Equal(st.Text(1), System.Text.Encoding.UTF8.GetString(st.Utf8(1)));
                Assert.Equal(i % 5 == 0, st.IsNull(2));
                if (i % 5 != 0) Assert.Equal(-i, st.Int64(2));
                st.Reset();
                return 0;
            });
        Assert.True(pool.Use(static c => c.HasTable("t")));
        Assert.False(pool.Use(static c => c.HasTable("u")));
    }

    [Fact]
    public void A_duplicate_key_keeps_sqlites_result_code()
    {
        using var tmp = new TempDir();
        using var db = BulkSqliteDatabase.Create(tmp["d.db"]);
        db.Exec("CREATE TABLE t(id INTEGER PRIMARY KEY)");
        var insert = db.Insert("t", "id");
        insert.Int(1).EndRow();
        insert.Int(1).EndRow();
        var e = Assert.Throws<SqliteBulkException>(insert.Dispose);
        Assert.Equal(19, e.ResultCode & 0xff); // SQLITE_CONSTRAINT
    }

    [Fact]
    public void A_pool_disposed_while_a_connection_is_in_use_closes_it_when_it_comes_back()
    {
        using var tmp = new TempDir();
        var pool = new ReadOnlySqlite(Load(tmp, 3));
        long n = pool.Use(pool, static (c, pool) =>
        {
            pool.Dispose();
            // The connection in hand still works: it is closed only when returned.
            return RowCount(c);
        });
        Assert.Equal(3, n);
        Assert.Throws<ObjectDisposedException>(() => pool.Use(static c => 0));
    }

    [Fact]
    public void Many_concurrent_users_leave_at_most_MaxIdle_connections_open()
    {
        using var tmp = new TempDir();
        using var pool = new ReadOnlySqlite(Load(tmp, 50));
        int users = ReadOnlySqlite.MaxIdle * 3;
        using var allIn = new Barrier(users);
        // Every user holds its connection until all have one, so the pool must open one per user.
        var counts = new long[users];
        var threads = Enumerable.Range(0, users).Select(i => new Thread(() =>
            counts[i] = pool.Use(allIn, static (c, barrier) =>
            {
                barrier.SignalAndWait();
                return RowCount(c);
            }))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.All(counts, n => Assert.Equal(50, n));
        Assert.Equal(ReadOnlySqlite.MaxIdle, pool.IdleCount);
        Assert.Equal(50, pool.Use(RowCount));
    }

    private static long RowCount(ReadOnlySqliteConnection c)
    {
        var st = c.Prepare("SELECT COUNT(*) FROM t");
        Assert.True(st.Step());
        long n = st.Int64(0);
        st.Reset();
        return n;
    }

    [Fact]
    public void Opening_a_missing_file_read_only_names_it()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<IOException>(() => SqliteDatabase.OpenReadOnly(tmp["missing.db"]));
        Assert.Contains("missing.db", e.Message, StringComparison.Ordinal);
    }
}
