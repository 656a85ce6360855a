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
