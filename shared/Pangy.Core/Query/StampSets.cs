using System.Collections.Concurrent;

namespace Pangy.Core.Query;

/// <summary>
/// Pooled <see cref="StampSet"/>s over one chromosome's links, segments and bubbles, for the queries that deduplicate
/// them: a request rents a trio. At most <see cref="MaxArrayed"/> trios with arrays over the whole chromosome are ever
/// made (about 3.5 MB on chr22, 17 MB on chr1); a request that finds them all rented gets sets of hashed ids instead,
/// so many concurrent requests cost a little speed, not a chromosome-sized array each (the soak found 64 clients
/// keeping 125 MB of them, and a large-object heap of 231 MB).
/// </summary>
public sealed class StampSets
{
    private readonly ConcurrentBag<Trio> _pool = [];
    private readonly long _links, _segments, _bubbles;
    private int _arrayed;

    public StampSets(long links, long segments, long bubbles)
    {
        _links = links;
        _segments = segments;
        _bubbles = bubbles;
    }

    /// <summary>Trios with arrays: one per core, the requests that can run at once.</summary>
    public static int MaxArrayed { get; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Empty sets for one request; give them back with <see cref="Return"/>.</summary>
    public Trio Rent()
    {
        if (_pool.TryTake(out var t)) return t;
        if (Interlocked.Increment(ref _arrayed) <= MaxArrayed)
            return new Trio(new StampSet(_links), new StampSet(_segments), new StampSet(_bubbles), Arrayed: true);
        Interlocked.Decrement(ref _arrayed);
        return new Trio(new StampSet(0), new StampSet(0), new StampSet(0), Arrayed: false);
    }

    public void Return(Trio trio)
    {
        if (!trio.Arrayed) return;
        trio.Links.Clear();
        trio.Segments.Clear();
        trio.Bubbles.Clear();
        _pool.Add(trio);
    }

    /// <summary>One request's sets.</summary>
    /// <param name="Arrayed">True for the pooled trios with arrays, false for hashed ones made for one request.</param>
    public sealed record Trio(StampSet Links, StampSet Segments, StampSet Bubbles, bool Arrayed);
}
