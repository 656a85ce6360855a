using System.Collections.Concurrent;

namespace Pangy.Core.Query;

/// <summary>
/// A thread-safe cache holding at most about <c>capacity</c> entries: when full, an arbitrary half is dropped, which
/// keeps the cost of a miss and of eviction small without bookkeeping on every hit.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _map = new();
    private int _count;

    public bool TryGet(TKey key, out TValue value) => _map.TryGetValue(key, out value!);

    public void Set(TKey key, TValue value)
    {
        if (capacity <= 0) return;
        if (_map.TryAdd(key, value) && Interlocked.Increment(ref _count) > capacity)
        {
            lock (_map)
            {
                if (Volatile.Read(ref _count) <= capacity) return;
                int drop = _map.Count / 2;
                foreach (var k in _map.Keys)
                {
                    if (drop-- <= 0) break;
                    if (_map.TryRemove(k, out _)) Interlocked.Decrement(ref _count);
                }
            }
        }
    }

    public int Count => _map.Count;
}
