namespace Pangy.Core.Query;

/// <summary>
/// The one bound on what a query process keeps in memory besides its files' mappings: the parsed bubble rows, the
/// compressed /select fragments and the chain decompositions of every open chromosome charge their bytes here. When the
/// total passes <see cref="LimitBytes"/>, caches shed half of what they hold, least recently used first, until a quarter
/// of the budget is free again — so a process serving many chromosomes, or one chr1, stays inside an instance's memory
/// (a Flex Consumption instance has 2 GB) whatever the requests ask for.
/// </summary>
public sealed class QueryMemoryBudget
{
    /// <summary>Smallest and largest default budget.</summary>
    public const long MinDefaultBytes = 64L << 20, MaxDefaultBytes = 1L << 30;

    private readonly List<IBudgetedCache> _caches = [];
    private readonly object _lock = new();
    private long _used, _sheds;

    /// <param name="limitBytes">The budget; zero keeps nothing cached.</param>
    public QueryMemoryBudget(long limitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitBytes);
        LimitBytes = limitBytes;
    }

    /// <summary>
    /// A quarter of the memory the process may use (the container's or cgroup's limit where there is one, else the
    /// machine's), between <see cref="MinDefaultBytes"/> and <see cref="MaxDefaultBytes"/>: 512 MB on a 2 GB instance.
    /// </summary>
    public static long DefaultLimitBytes() =>
        Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4, MinDefaultBytes, MaxDefaultBytes);

    public long LimitBytes { get; }

    /// <summary>Bytes the caches hold now (their own estimates).</summary>
    public long UsedBytes => Interlocked.Read(ref _used);

    /// <summary>Times a cache was asked to shed (for benchmarks and tests).</summary>
    public long Sheds => Interlocked.Read(ref _sheds);

    internal void Register(IBudgetedCache cache)
    {
        lock (_lock) _caches.Add(cache);
    }

    /// <summary>Forgets a cache whose chromosome closed, and its bytes.</summary>
    internal void Unregister(IBudgetedCache cache)
    {
        lock (_lock) _caches.Remove(cache);
        Interlocked.Add(ref _used, -cache.Bytes);
    }

    /// <summary>Counts <paramref name="bytes"/> newly cached; sheds when over the budget.</summary>
    internal void Charge(long bytes)
    {
        if (Interlocked.Add(ref _used, bytes) > LimitBytes) Shed();
    }

    /// <summary>Counts <paramref name="bytes"/> dropped.</summary>
    internal void Release(long bytes) => Interlocked.Add(ref _used, -bytes);

    private void Shed()
    {
        lock (_lock)
        {
            long target = LimitBytes - LimitBytes / 4;
            // Each round halves one cache, so a few rounds suffice; the bound keeps a cache that cannot shed (all of it in
            // use by a request being built) from spinning here.
            for (int round = 0; round < 64 && Interlocked.Read(ref _used) > target; round++)
            {
                var victim = Victim();
                if (victim is null) break;
                victim.ShedHalf();
                Interlocked.Increment(ref _sheds);
            }
        }
    }

    // The least recently used cache among those holding a real share; a cache with a few bytes is not worth a round.
    private IBudgetedCache? Victim()
    {
        long used = Interlocked.Read(ref _used), floor = Math.Max(1, used / 16);
        IBudgetedCache? best = null, largest = null;
        foreach (var c in _caches)
        {
            long b = c.Bytes;
            if (b <= 0) continue;
            if (largest is null || b > largest.Bytes) largest = c;
            if (b >= floor && (best is null || c.LastUsed < best.LastUsed)) best = c;
        }
        return best ?? largest;
    }
}
