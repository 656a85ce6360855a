using System.Collections.Concurrent;

namespace Pangy.Core.Query;

/// <summary>
/// A set of ids below a fixed capacity (links, segments or bubbles of one chromosome) that is emptied in O(1): each id's
/// slot holds the number of the generation that added it, and <see cref="Clear"/> starts a new generation. Ids outside
/// the capacity go to a small fallback set. Not thread-safe: rent one per request from <see cref="StampSets"/>.
/// </summary>
public sealed class StampSet
{
    private readonly uint[] _stamps;
    private readonly HashSet<long> _outside = [];
    private uint _generation = 1;

    public StampSet(long capacity) => _stamps = new uint[Math.Max(0, capacity)];

    /// <summary>Adds <paramref name="id"/>; false when it was already in the set.</summary>
    public bool Add(long id)
    {
        if ((ulong)id >= (ulong)_stamps.Length) return _outside.Add(id);
        ref uint slot = ref _stamps[id];
        if (slot == _generation) return false;
        slot = _generation;
        return true;
    }

    /// <summary>Empties the set.</summary>
    public void Clear()
    {
        _outside.Clear();
        if (++_generation != 0) return;
        // After 2^32 - 1 generations the stamps wrap: wipe them once.
        Array.Clear(_stamps);
        _generation = 1;
    }
}

/// <summary>
/// Pooled <see cref="StampSet"/>s over one chromosome's links, segments and bubbles, for the queries that deduplicate
/// them: a request rents a trio, and the arrays are made once per concurrent request, not per request.
/// </summary>
public sealed class StampSets
{
    private const int MaxPooled = 8;
    private readonly ConcurrentBag<Trio> _pool = [];
    private readonly long _links, _segments, _bubbles;

    public StampSets(long links, long segments, long bubbles)
    {
        _links = links;
        _segments = segments;
        _bubbles = bubbles;
    }

    /// <summary>Empty sets for one request; give them back with <see cref="Return"/>.</summary>
    public Trio Rent() => _pool.TryTake(out var t) ? t : new Trio(new StampSet(_links), new StampSet(_segments), new StampSet(_bubbles));

    public void Return(Trio trio)
    {
        trio.Links.Clear();
        trio.Segments.Clear();
        trio.Bubbles.Clear();
        if (_pool.Count < MaxPooled) _pool.Add(trio);
    }

    /// <summary>One request's sets.</summary>
    public sealed record Trio(StampSet Links, StampSet Segments, StampSet Bubbles);
}
