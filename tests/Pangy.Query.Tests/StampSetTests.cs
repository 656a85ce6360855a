using Pangy.Core.Query;

namespace Pangy.Query.Tests;

/// <summary>The generation-stamped id sets the queries deduplicate with.</summary>
public sealed class StampSetTests
{
    [Fact]
    public void Adds_once_per_generation_and_clears_in_one_step()
    {
        var set = new StampSet(10);
        Assert.True(set.Add(3));
        Assert.False(set.Add(3));
        Assert.True(set.Add(0));
        Assert.True(set.Add(9));
        // Ids outside the capacity (and negative ones) still deduplicate.
        Assert.True(set.Add(10));
        Assert.False(set.Add(10));
        Assert.True(set.Add(-1));
        Assert.False(set.Add(-1));
        set.Clear();
        Assert.True(set.Add(3));
        Assert.True(set.Add(10));
        Assert.True(set.Add(-1));
        Assert.False(set.Add(3));
    }

    [Fact]
    public void Pooled_sets_come_back_empty()
    {
        var pool = new StampSets(100, 50, 20);
        var a = pool.Rent();
        Assert.True(a.Links.Add(99));
        Assert.True(a.Segments.Add(7));
        Assert.True(a.Bubbles.Add(19));
        var b = pool.Rent();
        Assert.NotSame(a, b);
        pool.Return(a);
        var c = pool.Rent();
        Assert.Same(a, c);
        Assert.True(c.Links.Add(99));
        Assert.True(c.Segments.Add(7));
        Assert.True(c.Bubbles.Add(19));
    }
}
