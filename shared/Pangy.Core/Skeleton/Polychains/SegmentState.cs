using System.Collections;

namespace Pangy.Core.Skeleton.Polychains;

/// <summary>
/// How per-segment working state is held: in arrays over every segment id (a whole chromosome, where most segments are
/// touched and a hash map would cost several times the memory), or in hash maps of the touched segments (a tile, which
/// touches a few among millions).
/// </summary>
internal enum SegmentStorage { Dense, Sparse }

/// <summary>An int per segment, -1 when unset.</summary>
internal sealed class SegmentInts
{
    private readonly int[]? _array;
    private readonly Dictionary<int, int>? _map;

    /// <param name="storage">Dense: an array of <paramref name="capacity"/> ints; sparse: a hash map.</param>
    /// <param name="capacity">One past the largest segment id.</param>
    public SegmentInts(SegmentStorage storage, int capacity)
    {
        if (storage == SegmentStorage.Sparse) _map = [];
        else
        {
            _array = new int[capacity];
            Array.Fill(_array, -1);
        }
    }

    public int this[int segment]
    {
        get => _array is { } a ? a[segment] : _map!.TryGetValue(segment, out int v) ? v : -1;
        set
        {
            if (_array is { } a) a[segment] = value;
            else _map![segment] = value;
        }
    }

    /// <summary>The segments with a value, in no particular order.</summary>
    public Keys SetSegments => new(this);

    /// <summary>The segments with a value: an ascending scan of the array, or the hash map's keys.</summary>
    public readonly struct Keys(SegmentInts owner)
    {
        public Enumerator GetEnumerator() => new(owner);
    }

    public struct Enumerator
    {
        private readonly int[]? _array;
        private Dictionary<int, int>.Enumerator _entries;
        private int _at;

        internal Enumerator(SegmentInts owner)
        {
            _array = owner._array;
            if (owner._map is { } m) _entries = m.GetEnumerator();
            _at = -1;
        }

        public readonly int Current => _array is null ? _entries.Current.Key : _at;

        public bool MoveNext()
        {
            if (_array is null)
            {
                while (_entries.MoveNext())
                    if (_entries.Current.Value >= 0) return true;
                return false;
            }
            while (++_at < _array.Length)
                if (_array[_at] >= 0) return true;
            return false;
        }
    }
}

/// <summary>A set of segments: a bit per segment id, or a hash set.</summary>
internal sealed class SegmentBits
{
    private readonly BitArray? _bits;
    private readonly HashSet<int>? _set;

    /// <param name="storage">Dense: <paramref name="capacity"/> bits; sparse: a hash set.</param>
    /// <param name="capacity">One past the largest segment id.</param>
    public SegmentBits(SegmentStorage storage, int capacity)
    {
        if (storage == SegmentStorage.Sparse) _set = [];
        else _bits = new BitArray(capacity);
    }

    /// <summary>Membership; false for ids outside the capacity.</summary>
    public bool this[int segment] =>
        _bits is { } b ? (uint)segment < (uint)b.Length && b[segment] : _set!.Contains(segment);

    public void Add(int segment)
    {
        if (_bits is { } b) b[segment] = true;
        else _set!.Add(segment);
    }

    /// <summary>The members in ascending order (a scan of the bits, or the hash set sorted once).</summary>
    public Ascending InOrder() => new(this);

    public readonly struct Ascending(SegmentBits owner)
    {
        public Enumerator GetEnumerator() => new(owner);
    }

    public struct Enumerator
    {
        private readonly BitArray? _bits;
        private readonly int[]? _sorted;
        private int _at;

        internal Enumerator(SegmentBits owner)
        {
            _bits = owner._bits;
            if (owner._set is { } s)
            {
                _sorted = [.. s];
                Array.Sort(_sorted);
            }
            _at = -1;
        }

        public readonly int Current => _sorted is null ? _at : _sorted[_at];

        public bool MoveNext()
        {
            if (_sorted is not null) return ++_at < _sorted.Length;
            while (++_at < _bits!.Length)
                if (_bits[_at]) return true;
            return false;
        }
    }
}
