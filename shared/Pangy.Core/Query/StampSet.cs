namespace Pangy.Core.Query;

/// <summary>
/// A set of ids below a fixed capacity (links, segments or bubbles of one chromosome) that is emptied in O(1): each id's
/// slot holds the number of the generation that added it, and <see cref="Clear"/> starts a new generation. Ids outside
/// the capacity go to a small fallback set. Not thread-safe: rent one per request from <see cref="StampSets"/>.
/// A slot is one byte (a chr1-sized graph's links take 9 MB, not 36), so every 255th clear wipes the slots: a memset
/// of a few MB, a few microseconds a request.
/// </summary>
public sealed class StampSet
{
    private readonly byte[] _stamps;
    private readonly HashSet<long> _outside = [];
    private byte _generation = 1;

    public StampSet(long capacity) => _stamps = new byte[Math.Max(0, capacity)];

    /// <summary>Adds <paramref name="id"/>; false when it was already in the set.</summary>
    public bool Add(long id)
    {
        if ((ulong)id >= (ulong)_stamps.Length) return _outside.Add(id);
        ref byte slot = ref _stamps[id];
        if (slot == _generation) return false;
        slot = _generation;
        return true;
    }

    /// <summary>Empties the set.</summary>
    public void Clear()
    {
        _outside.Clear();
        if (++_generation != 0) return;
        // After 255 generations the stamps wrap: wipe them once.
        Array.Clear(_stamps);
        _generation = 1;
    }
}
