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
    public void Stays_exact_across_the_wrap_of_its_one_byte_generations()
    {
        var set = new StampSet(4);
        for (int g = 0; g < 600; g++)
        {
            Assert.True(set.Add(g % 4));
            Assert.False(set.Add(g % 4));
            // An id added 255 generations ago must not look present after the stamps wrap.
            for (int other = 0; other < 4; other++)
                if (other != g % 4) Assert.True(set.Add(other) && !set.Add(other), $"generation {g}, id {other}");
            set.Clear();
        }
    }

    [Fact]
    public void Requests_beyond_the_arrayed_trios_get_hashed_sets_that_behave_the_same()
    {
        var pool = new StampSets(100, 50, 20);
        var rented = Enumerable.Range(0, StampSets.MaxArrayed + 3).Select(_ => pool.Rent()).ToList();
        Assert.Equal(StampSets.MaxArrayed, rented.Count(t => t.Arrayed));
        foreach (var t in rented)
        {
            Assert.True(t.Links.Add(99) && !t.Links.Add(99));
            Assert.True(t.Segments.Add(7) && !t.Segments.Add(7));
        }
        foreach (var t in rented) pool.Return(t);
        // Only the arrayed ones are kept, and they come back empty.
        var again = Enumerable.Range(0, StampSets.MaxArrayed + 1).Select(_ => pool.Rent()).ToList();
        Assert.Equal(StampSets.MaxArrayed, again.Count(t => t.Arrayed));
        Assert.All(again, t => Assert.True(t.Links.Add(99)));
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
