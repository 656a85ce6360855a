using System.Collections.Concurrent;

namespace Pangy.Core.Query;

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
