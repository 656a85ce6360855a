using System.Collections.Concurrent;

namespace Pangy.Core.Query;

/// <summary>
/// A thread-safe cache whose entries count against the process's <see cref="QueryMemoryBudget"/>. When the budget is
/// over, the budget asks the least recently used caches to shed, and this one drops an arbitrary half of its entries,
/// which keeps the cost of a miss and of eviction small without bookkeeping on every hit. Dispose it when its chromosome
/// closes, so its bytes leave the budget.
/// </summary>
public sealed class BoundedCache<TKey, TValue> : IBudgetedCache, IDisposable where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _map = new();
    private readonly QueryMemoryBudget _budget;
    private readonly Func<TValue, long> _bytesOf;
    private long _bytes, _lastUsed;
    private volatile bool _disposed;

    /// <param name="budget">The process's budget.</param>
    /// <param name="bytesOf">An entry's estimated size; must give the same figure every time for the same entry.</param>
    public BoundedCache(QueryMemoryBudget budget, Func<TValue, long> bytesOf)
    {
        _budget = budget;
        _bytesOf = bytesOf;
        budget.Register(this);
    }

    public bool TryGet(TKey key, out TValue value)
    {
        if (!_map.TryGetValue(key, out value!)) return false;
        Touch();
        return true;
    }

    public void Set(TKey key, TValue value)
    {
        if (_budget.LimitBytes == 0 || _disposed || !_map.TryAdd(key, value)) return;
        long b = _bytesOf(value);
        Interlocked.Add(ref _bytes, b);
        Touch();
        _budget.Charge(b);
    }

    public int Count => _map.Count;

    public long Bytes => Interlocked.Read(ref _bytes);

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void ShedHalf()
    {
        lock (_map)
        {
            int drop = (_map.Count + 1) / 2;
            foreach (var k in _map.Keys)
            {
                if (drop-- <= 0) break;
                if (_map.TryRemove(k, out var old))
                {
                    long b = _bytesOf(old);
                    Interlocked.Add(ref _bytes, -b);
                    _budget.Release(b);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_map)
        {
            if (_disposed) return;
            _disposed = true;
            _budget.Unregister(this);
            _map.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }
    }

    // Written only when the clock moved, so hits on many threads do not keep writing one shared field.
    private void Touch()
    {
        long now = Environment.TickCount64;
        if (Volatile.Read(ref _lastUsed) != now) Volatile.Write(ref _lastUsed, now);
    }
}
