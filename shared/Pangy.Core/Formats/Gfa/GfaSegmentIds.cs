using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pangy.Core.Formats.Gfa;

/// <summary>
/// Segment names → integer ids. GFA names that are all plain integers (no sign, no leading zeros, below 2^30) are
/// kept as ids, as the reference does; otherwise every segment is renumbered densely 1..N in S-line order and the
/// original names are kept (decision 5). Lookups of integer names cost one array read.
/// </summary>
public sealed class GfaSegmentIds
{
    private byte[] _valid = new byte[1024];
    private readonly NameTable? _names;

    private GfaSegmentIds(bool renumbered)
    {
        Renumbered = renumbered;
        if (renumbered) _names = new NameTable();
    }

    /// <summary>Ids are the integer names as written.</summary>
    public static GfaSegmentIds ForIntegerNames() => new(false);

    /// <summary>Ids are assigned 1..N in S-line order; names are looked up.</summary>
    public static GfaSegmentIds ForRenumbering() => new(true);

    /// <summary>True when names were not all integers and ids were assigned in S-line order.</summary>
    public bool Renumbered { get; }

    /// <summary>Number of segments added.</summary>
    public int Count { get; private set; }

    /// <summary>Largest id (0 when empty).</summary>
    public int MaxId { get; private set; }

    /// <summary>Largest id a segment may have so that a packed step stays below 2^31 (browser decoders are 32-bit).</summary>
    public const int MaxAllowedId = (1 << 30) - 1;

    /// <summary>
    /// Parses a canonical non-negative decimal integer below 2^30 (what the reference's <c>int()</c> accepts
    /// and what fits the 32-bit decoders); false for anything else, which forces renumbering.
    /// </summary>
    public static bool TryParseIntegerName(ReadOnlySpan<byte> name, out int id)
    {
        id = 0;
        if (name.IsEmpty || name.Length > 10 || (name[0] == (byte)'0' && name.Length > 1)) return false;
        long v = 0;
        foreach (byte b in name)
        {
            uint d = (uint)(b - '0');
            if (d > 9) return false;
            v = v * 10 + d;
        }
        if (v > MaxAllowedId) return false;
        id = (int)v;
        return true;
    }

    /// <summary>Adds the next S line's segment; returns its id, or -1 when the name was already added.</summary>
    public int Add(ReadOnlySpan<byte> name)
    {
        int id;
        if (_names is null)
        {
            if (!TryParseIntegerName(name, out id)) throw new InvalidOperationException("not an integer name; use renumbering");
        }
        else
        {
            id = Count + 1;
            if (!_names.TryAdd(name, id)) return -1;
        }
        if (id >= _valid.Length) Array.Resize(ref _valid, Math.Max(id + 1, _valid.Length * 2));
        if (_valid[id] != 0) return -1;
        _valid[id] = 1;
        Count++;
        if (id > MaxId) MaxId = id;
        return id;
    }

    /// <summary>True when an S line defined <paramref name="id"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Exists(long id) => (ulong)id < (ulong)_valid.Length && _valid[id] != 0;

    /// <summary>The id of a segment name, or -1 when no S line defined it.</summary>
    public int Resolve(ReadOnlySpan<byte> name)
    {
        if (_names is not null) return _names.TryGet(name, out int id) ? id : -1;
        return TryParseIntegerName(name, out int v) && Exists(v) ? v : -1;
    }

    /// <summary>The original name of a renumbered segment (null unless <see cref="Renumbered"/>).</summary>
    public string? NameOf(int id) => _names?.NameOf(id);

    /// <summary>Original names in id order (id 1 first), when renumbered.</summary>
    public IEnumerable<(int Id, string Name)> OriginalNames()
    {
        if (_names is null) yield break;
        for (int id = 1; id <= Count; id++) yield return (id, _names.NameOf(id));
    }

    /// <summary>Open-addressing table of names stored once in a byte arena: no string per segment.</summary>
    private sealed class NameTable
    {
        private byte[] _arena = new byte[1 << 16];
        private int _arenaUsed;
        private int[] _offsets = new int[1024]; // by id
        private int[] _lengths = new int[1024];
        private int[] _slots = new int[2048];    // id or 0
        private int _count;

        private static ulong Hash(ReadOnlySpan<byte> s)
        {
            ulong h = 14695981039346656037UL;
            foreach (byte b in s) { h ^= b; h *= 1099511628211UL; }
            return h ^ (h >> 29);
        }

        private ReadOnlySpan<byte> Get(int id) => _arena.AsSpan(_offsets[id], _lengths[id]);

        public string NameOf(int id) => Encoding.UTF8.GetString(Get(id));

        public bool TryGet(ReadOnlySpan<byte> name, out int id)
        {
            int mask = _slots.Length - 1;
            for (int i = (int)(Hash(name) & (ulong)mask); ; i = (i + 1) & mask)
            {
                id = _slots[i];
                if (id == 0) return false;
                if (Get(id).SequenceEqual(name)) return true;
            }
        }

        public bool TryAdd(ReadOnlySpan<byte> name, int id)
        {
            if ((_count + 1) * 2 > _slots.Length) Rehash();
            int mask = _slots.Length - 1;
            int i = (int)(Hash(name) & (ulong)mask);
            for (; _slots[i] != 0; i = (i + 1) & mask)
                if (Get(_slots[i]).SequenceEqual(name)) return false;
            if (_arenaUsed + name.Length > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + name.Length));
            if (id >= _offsets.Length) { Array.Resize(ref _offsets, _offsets.Length * 2); Array.Resize(ref _lengths, _lengths.Length * 2); }
            name.CopyTo(_arena.AsSpan(_arenaUsed));
            _offsets[id] = _arenaUsed;
            _lengths[id] = name.Length;
            _arenaUsed += name.Length;
            _slots[i] = id;
            _count++;
            return true;
        }

        private void Rehash()
        {
            var old = _slots;
            _slots = new int[old.Length * 2];
            int mask = _slots.Length - 1;
            foreach (int id in old)
            {
                if (id == 0) continue;
                int i = (int)(Hash(Get(id)) & (ulong)mask);
                while (_slots[i] != 0) i = (i + 1) & mask;
                _slots[i] = id;
            }
        }
    }

    internal static bool IsDigits(ReadOnlySpan<byte> s) => Utf8Parser.TryParse(s, out ulong _, out int consumed) && consumed == s.Length;
}
