using System.Collections.Concurrent;

namespace Pangy.Core.Sqlite;

/// <summary>
/// A pool of read-only connections to one SQLite file, shared by all requests. Each connection is used by one thread
/// at a time (taken from the pool, returned after the query) and keeps its prepared statements, so a lookup costs a
/// bind and a step. Files are opened <c>immutable</c>: a published chromosome never changes in place (a replacement
/// is a new directory), so SQLite can skip locking and change detection. At most <see cref="MaxIdle"/> connections are
/// kept between queries: each holds a page cache, and a pool that kept one per thread the server ever ran grew by
/// hundreds of MB under a long soak of 64 clients.
/// </summary>
public sealed class ReadOnlySqlite : IDisposable
{
    private readonly ConcurrentBag<ReadOnlySqliteConnection> _idle = [];
    private int _idleCount;
    private readonly bool _memoryMapped;
    private volatile bool _disposed;

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

    /// <summary>Connections kept open between queries: two per core (a connection beyond them is closed after its query).</summary>
    public static int MaxIdle { get; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>Connections open and idle now.</summary>
    public int IdleCount => Volatile.Read(ref _idleCount);

    /// <summary>Runs <paramref name="work"/> on a pooled connection.</summary>
    public T Use<T>(Func<ReadOnlySqliteConnection, T> work)
    {
        var c = Rent();
        try { return work(c); }
        finally { Return(c); }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection with a state argument (no closure allocation).</summary>
    public TResult Use<TState, TResult>(TState state, Func<ReadOnlySqliteConnection, TState, TResult> work)
    {
        var c = Rent();
        try { return work(c, state); }
        finally { Return(c); }
    }

    private ReadOnlySqliteConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var c))
        {
            Interlocked.Decrement(ref _idleCount);
            return c;
        }
        return ReadOnlySqliteConnection.Open(Path, _memoryMapped);
    }

    private void Return(ReadOnlySqliteConnection c)
    {
        c.ResetAll();
        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            c.Dispose();
            return;
        }
        _idle.Add(c);
        // Checked after the add: a connection in use is closed when it comes back, never under its user (its
        // statements are called through raw pointers).
        if (_disposed) CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryTake(out var c))
        {
            Interlocked.Decrement(ref _idleCount);
            c.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }
}
