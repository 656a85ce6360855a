using Pangy.Core.Query;

namespace Pangy.Query.Tests;

/// <summary>
/// The process-wide cache budget (issue 12's soak found per-chromosome caches filling to 750 MB on one chr22): caches
/// share one bound, the least recently used one sheds first, closing a chromosome gives its bytes back, and answers stay
/// exact while their caches are being shed.
/// </summary>
public sealed class QueryMemoryBudgetTests(SynthSelectFixture synth) : IClassFixture<SynthSelectFixture>
{
    [Fact]
    public void The_least_recently_used_cache_sheds_half_when_the_budget_is_exceeded()
    {
        var budget = new QueryMemoryBudget(10_000);
        using var older = new BoundedCache<int, byte[]>(budget, v => v.Length);
        using var newer = new BoundedCache<int, byte[]>(budget, v => v.Length);
        for (int i = 0; i < 60; i++) older.Set(i, new byte[100]);
        Thread.Sleep(30); // the caches' last use is kept to the millisecond
        for (int i = 0; i < 60; i++) newer.Set(i, new byte[100]);

        // The 41st entry of the newer cache crossed 10,000 bytes: the older one shed half (6,000 → 3,000), which brought
        // the total under three quarters of the budget, so the newer one kept everything.
        Assert.Equal(30, older.Count);
        Assert.Equal(60, newer.Count);
        Assert.Equal(3_000 + 6_000, budget.UsedBytes);
        Assert.Equal(1, budget.Sheds);

        older.Dispose();
        Assert.Equal(6_000, budget.UsedBytes);
        older.Set(1000, new byte[100]); // a closed cache keeps nothing
        Assert.Equal(6_000, budget.UsedBytes);
    }

    [Fact]
    public void A_cache_over_the_whole_budget_alone_sheds_itself()
    {
        var budget = new QueryMemoryBudget(1_000);
        using var cache = new BoundedCache<int, byte[]>(budget, v => v.Length);
        for (int i = 0; i < 500; i++)
        {
            cache.Set(i, new byte[10]);
            Assert.True(budget.UsedBytes <= budget.LimitBytes, $"{budget.UsedBytes} bytes after {i + 1} entries");
            Assert.Equal(cache.Bytes, budget.UsedBytes);
        }
        Assert.InRange(cache.Count, 1, 100);
    }

    [Fact]
    public void A_zero_budget_caches_nothing()
    {
        var budget = new QueryMemoryBudget(0);
        using var cache = new BoundedCache<int, byte[]>(budget, v => v.Length);
        cache.Set(1, new byte[10]);
        Assert.False(cache.TryGet(1, out _));
        Assert.Equal(0, budget.UsedBytes);
    }

    [Fact]
    public void The_default_budget_is_a_quarter_of_the_memory_within_its_bounds()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.Equal(Math.Clamp(available / 4, QueryMemoryBudget.MinDefaultBytes, QueryMemoryBudget.MaxDefaultBytes), QueryMemoryBudget.DefaultLimitBytes());
        using var store = new QueryDatastore(synth.Root);
        Assert.Equal(QueryMemoryBudget.DefaultLimitBytes(), store.Budget.LimitBytes);
    }

    [Fact]
    public void Two_chromosomes_share_one_budget_and_the_idle_one_gives_way()
    {
        using var tmp = new TempDir();
        // The same chromosome published under two datasets: two readers, two sets of caches, one process.
        QueryFixture.CopyDirectory(Path.Combine(synth.Root, "graphs", "syn"), tmp["graphs/a"]);
        QueryFixture.CopyDirectory(Path.Combine(synth.Root, "graphs", "syn"), tmp["graphs/b"]);
        const long limit = 400_000;
        using var store = new QueryDatastore(tmp.Root, new QueryDatastoreOptions { CacheBytes = limit });
        var rng = new Random(5);

        long aBytes;
        using (var a = store.Open("a", "chrS"))
        {
            Ask(a.Reader, rng, 40);
            aBytes = a.Reader.Bubbles.CachedBytes + a.Reader.SelectFragments.CachedBytes;
            Assert.True(aBytes > limit / 4, $"chromosome a cached only {aBytes} bytes");
        }
        Thread.Sleep(30);
        using (var b = store.Open("b", "chrS"))
        {
            Ask(b.Reader, rng, 40);
            Assert.True(store.Budget.UsedBytes <= limit, $"{store.Budget.UsedBytes} bytes cached, budget {limit}");
            Assert.True(store.Budget.Sheds > 0);
        }
        using (var a = store.Open("a", "chrS"))
            Assert.True(a.Reader.Bubbles.CachedBytes + a.Reader.SelectFragments.CachedBytes < aBytes, "the idle chromosome should have shed");

        store.Dispose(); // closes both readers
        Assert.Equal(0, store.Budget.UsedBytes);
    }

    // Identity and compressed /select of random windows, each compressed answer checked against the identity answer.
    private static void Ask(ChromosomeReader chr, Random rng, int windows)
    {
        var fragments = chr.SelectFragments;
        fragments.Prepare();
        for (int i = 0; i < windows; i++)
        {
            long s = rng.Next(0, chr.Steps.Length), e = s + rng.Next(0, 4000);
            SelectDeflateTests.CheckWindow(chr, fragments, s, e);
        }
    }
}
