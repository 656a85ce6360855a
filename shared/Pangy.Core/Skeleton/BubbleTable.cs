using System.Buffers.Binary;
using System.Collections;
using System.Runtime.CompilerServices;
using Pangy.Core.Datastore;
using Pangy.Core.Bubbles;
using Pangy.Core.Formats;
using Pangy.Core.Sqlite;

namespace Pangy.Core.Skeleton;

/// <summary>
/// The rows of <c>bubbles.db</c> (§3.3) as the skeleton stage reads them: the chain structure (chain, chain step,
/// parent) in flat arrays indexed by bubble id, and the rest of each row (subtype, length, GC count, bounding box,
/// the list columns) in a binary spill file, read back a chain at a time on first use (<see cref="Unload"/> forgets
/// them again). A chromosome's bubbles would otherwise be the stage's largest heap object, although the polychain
/// decomposition only ever looks at one top-level chain and its descendants at a time.
/// </summary>
/// <remarks>
/// Source and sink may be swapped in memory by <see cref="SwapEnds"/>: the reference re-orients bubbles every time it
/// assembles a chain (<c>Chain._assign_siblings → correct_source_sink</c>) and its cached bubble objects keep that
/// orientation, so the polychain decomposition sees the same. The orientation is kept per bubble for the whole table,
/// not per loaded chain.
/// </remarks>
internal sealed class BubbleTable : IDisposable
{
    private static readonly string[] KnownSubtypes = ["simple", "super", "insertion"];

    private readonly List<string> _subtypeNames = [.. KnownSubtypes];
    /// <summary>The same names as UTF-8, matched against the column's bytes so that no string is made per row.</summary>
    private readonly List<byte[]> _subtypeUtf8 = [.. KnownSubtypes.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Largest bubble id (arrays are indexed 0..MaxId).</summary>
    public int MaxId { get; private set; }

    /// <summary>Number of bubbles.</summary>
    public int Count { get; private set; }

    /// <summary>Per bubble id: its chain (0 when none).</summary>
    public int[] Chain = [];

    /// <summary>Per bubble id: its parent bubble (0 when none); empty for a table opened with <see cref="OpenChains"/>.</summary>
    public int[] Parent = [];

    /// <summary>Per bubble id: a row of bubbles.db has this id.</summary>
    public bool[] Exists = [];

    /// <summary>Chains 0..MaxChain.</summary>
    public int MaxChain { get; private set; }

    /// <summary>Per chain: the number of its bubbles.</summary>
    public int[] ChainSizes = [];

    /// <summary>Per chain: the sum of its bubbles' lengths.</summary>
    public long[] ChainLength = [];

    /// <summary>Per chain: the parent chain (0 = none) and the parent bubble (0 = none), from its bubbles' parents.</summary>
    public int[] ChainParent = [];
    public int[] ChainParentBubble = [];

    /// <summary>Per chain: the number of parent-chain hops to a root chain.</summary>
    public int[] ChainDepth = [];

    // Bubble ids of each chain in chain_step order, ties by id (CSR); full tables only.
    private int[] _chainOffsets = [];
    private int[] _chainBubbles = [];
    private BitArray _swapped = new(0);

    // The spill file: one record per bubble id, in id order (see WriteRecord); _recordStart[id] in 4-byte units.
    private readonly FileStream? _spill;
    private uint[] _recordStart = [];

    // Loaded rows. _slot[id] is the row's slot, -1 when not loaded; per slot: the scalar columns and, in _lists,
    // the six boundaries of its five lists in _values.
    private int[] _slot = [];
    private readonly List<int> _loaded = [];
    private int[] _step = [], _subtype = [];
    private long[] _length = [], _gc = [];
    private double[] _x1 = [], _x2 = [], _y1 = [], _y2 = [];
    private int[] _lists = [];
    private int[] _values = [];
    private int _valueCount;
    private byte[] _readBuffer = [];
    private int[] _idScratch = [];

    private const int ChildrenList = 0, SourceList = 1, SinkList = 2, InsideList = 3, RangesList = 4, ListCount = 5;

    private BubbleTable(string chromosomeDir, bool chainsOnly, int? maxSegmentId, string? spillDir)
    {
        string db = new ChromosomeLayout(chromosomeDir).BubblesDb;
        if (!File.Exists(db)) throw new BadInputException(db, null, "missing from the chromosome directory (the bubble stage writes it)");
        ChainsOnly = chainsOnly;
        if (chainsOnly)
        {
            LoadChains(db);
            return;
        }
        string dir = spillDir ?? Path.GetTempPath();
        _spill = new FileStream(Path.Combine(dir, $".bubbles-{Guid.NewGuid():N}.spill"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            LoadFull(db, maxSegmentId);
        }
        catch
        {
            _spill.Dispose();
            throw;
        }
    }

    /// <summary>Reads <c>bubbles.db</c> of a chromosome directory.</summary>
    /// <param name="chromosomeDir">The chromosome directory.</param>
    /// <param name="maxSegmentId">When given, every source, sink and inside segment must be at most this id.</param>
    /// <param name="spillDir">Where the spill file goes (deleted on dispose); the system's temporary directory when null.</param>
    /// <exception cref="BadInputException">bubbles.db is missing or a row is unusable.</exception>
    public static BubbleTable Open(string chromosomeDir, int? maxSegmentId = null, string? spillDir = null) =>
        new(chromosomeDir, chainsOnly: false, maxSegmentId, spillDir);

    /// <summary>
    /// Only what chain labels and chain statistics need: each bubble's chain, and per chain its size, total length,
    /// parent and depth. No rows can be read from such a table.
    /// </summary>
    public static BubbleTable OpenChains(string chromosomeDir) => new(chromosomeDir, chainsOnly: true, null, null);

    /// <summary>True for a table opened with <see cref="OpenChains"/>.</summary>
    public bool ChainsOnly { get; }

    /// <summary>Number of bubbles of a chain.</summary>
    public int ChainSize(int chain) => ChainSizes[chain];

    /// <summary>Bubble ids of chain <paramref name="chain"/> in chain_step order (ties by id).</summary>
    public ReadOnlySpan<int> ChainBubbles(int chain) =>
        (uint)chain <= (uint)MaxChain ? _chainBubbles.AsSpan(_chainOffsets[chain], _chainOffsets[chain + 1] - _chainOffsets[chain]) : default;

    // Each accessor takes the slot first: loading a row may grow the arrays read after.
    public int ChainStep(int bubble) { int k = Slot(bubble); return _step[k]; }
    public string SubtypeName(int bubble) { int k = Slot(bubble); return _subtypeNames[_subtype[k]]; }
    public long Length(int bubble) { int k = Slot(bubble); return _length[k]; }
    public long GcCount(int bubble) { int k = Slot(bubble); return _gc[k]; }
    public double X1(int bubble) { int k = Slot(bubble); return _x1[k]; }
    public double X2(int bubble) { int k = Slot(bubble); return _x2[k]; }
    public double Y1(int bubble) { int k = Slot(bubble); return _y1[k]; }
    public double Y2(int bubble) { int k = Slot(bubble); return _y2[k]; }
    public ReadOnlySpan<int> Children(int bubble) => List(bubble, ChildrenList);
    public ReadOnlySpan<int> Inside(int bubble) => List(bubble, InsideList);
    /// <summary>range_inclusive as a flat list [start0, end0, start1, end1, ...].</summary>
    public ReadOnlySpan<int> RangesInclusive(int bubble) => List(bubble, RangesList);
    /// <summary>The current source segments (after any in-memory re-orientation).</summary>
    public ReadOnlySpan<int> Source(int bubble) => List(bubble, _swapped[bubble] ? SinkList : SourceList);
    /// <summary>The current sink segments (after any in-memory re-orientation).</summary>
    public ReadOnlySpan<int> Sink(int bubble) => List(bubble, _swapped[bubble] ? SourceList : SinkList);
    /// <summary>Source and sink as stored in bubbles.db.</summary>
    public ReadOnlySpan<int> StoredSource(int bubble) => List(bubble, SourceList);
    public ReadOnlySpan<int> StoredSink(int bubble) => List(bubble, SinkList);

    /// <summary>Swaps the bubble's source and sink in memory.</summary>
    public void SwapEnds(int bubble) => _swapped[bubble] = !_swapped[bubble];

    /// <summary>The bubble's layout span: max(|x2 - x1|, |y2 - y1|) over its float64 bounding box.</summary>
    public double LayoutSpan(int bubble)
    {
        int k = Slot(bubble);
        return Math.Max(Math.Abs(_x2[k] - _x1[k]), Math.Abs(_y2[k] - _y1[k]));
    }

    /// <summary>Forgets every loaded row (they are read again on next use). Spans handed out before must not be used
    /// after.</summary>
    public void Unload()
    {
        foreach (int id in _loaded) _slot[id] = -1;
        _loaded.Clear();
        _valueCount = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<int> List(int bubble, int list)
    {
        int k = Slot(bubble) * (ListCount + 1) + list;
        return _values.AsSpan(_lists[k], _lists[k + 1] - _lists[k]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(int bubble)
    {
        int k = _slot[bubble];
        return k >= 0 ? k : LoadChainOf(bubble);
    }

    /// <summary>Loads the rows of every bubble of <paramref name="bubble"/>'s chain (the unit the decomposition
    /// works in); returns the slot of <paramref name="bubble"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int LoadChainOf(int bubble)
    {
        if (ChainsOnly) throw new InvalidOperationException("a chains-only bubble table has no rows");
        if (!Exists[bubble])
        {
            // A gap in the ids: an empty row, as bubbles.db has none.
            LoadRecord(bubble, default);
            return _slot[bubble];
        }
        var members = ChainBubbles(Chain[bubble]);
        if (_idScratch.Length < members.Length) _idScratch = new int[Math.Max(members.Length, 2 * _idScratch.Length)];
        var ids = _idScratch.AsSpan(0, members.Length);
        members.CopyTo(ids);
        ids.Sort();
        // Consecutive ids are adjacent records: one read per run of them.
        for (int i = 0; i < ids.Length;)
        {
            int j = i + 1;
            while (j < ids.Length && ids[j] == ids[j - 1] + 1) j++;
            long from = (long)_recordStart[ids[i]] * 4, to = (long)_recordStart[ids[j - 1] + 1] * 4;
            int bytes = checked((int)(to - from));
            if (_readBuffer.Length < bytes) _readBuffer = new byte[Math.Max(bytes, 2 * _readBuffer.Length)];
            var buffer = _readBuffer.AsSpan(0, bytes);
            for (int got = 0; got < bytes;)
            {
                int r = RandomAccess.Read(_spill!.SafeFileHandle, buffer[got..], from + got);
                if (r <= 0) throw new IOException("the bubble spill file is short");
                got += r;
            }
            for (int k = i; k < j; k++)
            {
                int id = ids[k];
                int length = (int)(_recordStart[id + 1] - _recordStart[id]) * 4;
                if (_slot[id] < 0) LoadRecord(id, buffer[..length]);
                buffer = buffer[length..];
            }
            i = j;
        }
        return _slot[bubble];
    }

    // Record layout (little-endian, 4-byte units): chain step, subtype, length (2), GC count (2), x1, x2, y1, y2 (2
    // each), the five list counts, then the five lists' values.
    private const int RecordHeaderInts = 2 + 2 + 2 + 8 + ListCount;

    private void LoadRecord(int id, ReadOnlySpan<byte> record)
    {
        int k = _loaded.Count;
        _loaded.Add(id);
        _slot[id] = k;
        if (_step.Length <= k)
        {
            int n = Math.Max(1024, 2 * _step.Length);
            Array.Resize(ref _step, n); Array.Resize(ref _subtype, n); Array.Resize(ref _length, n); Array.Resize(ref _gc, n);
            Array.Resize(ref _x1, n); Array.Resize(ref _x2, n); Array.Resize(ref _y1, n); Array.Resize(ref _y2, n);
            Array.Resize(ref _lists, n * (ListCount + 1));
        }
        int b = k * (ListCount + 1);
        if (record.IsEmpty)
        {
            _step[k] = 0; _subtype[k] = 0; _length[k] = 0; _gc[k] = 0; _x1[k] = _x2[k] = _y1[k] = _y2[k] = 0;
            for (int l = 0; l <= ListCount; l++) _lists[b + l] = _valueCount;
            return;
        }
        _step[k] = BinaryPrimitives.ReadInt32LittleEndian(record);
        _subtype[k] = BinaryPrimitives.ReadInt32LittleEndian(record[4..]);
        _length[k] = BinaryPrimitives.ReadInt64LittleEndian(record[8..]);
        _gc[k] = BinaryPrimitives.ReadInt64LittleEndian(record[16..]);
        _x1[k] = BinaryPrimitives.ReadDoubleLittleEndian(record[24..]);
        _x2[k] = BinaryPrimitives.ReadDoubleLittleEndian(record[32..]);
        _y1[k] = BinaryPrimitives.ReadDoubleLittleEndian(record[40..]);
        _y2[k] = BinaryPrimitives.ReadDoubleLittleEndian(record[48..]);
        int total = 0;
        for (int l = 0; l < ListCount; l++) total += BinaryPrimitives.ReadInt32LittleEndian(record[(56 + 4 * l)..]);
        if (_values.Length < _valueCount + total) Array.Resize(ref _values, Math.Max(_valueCount + total, Math.Max(4096, 2 * _values.Length)));
        int at = _valueCount;
        for (int l = 0; l < ListCount; l++)
        {
            _lists[b + l] = at;
            at += BinaryPrimitives.ReadInt32LittleEndian(record[(56 + 4 * l)..]);
        }
        _lists[b + ListCount] = at;
        var values = record.Slice(RecordHeaderInts * 4, total * 4);
        for (int i = 0; i < total; i++) _values[_valueCount + i] = BinaryPrimitives.ReadInt32LittleEndian(values[(4 * i)..]);
        _valueCount += total;
    }

    private void LoadFull(string path, int? maxSegmentId)
    {
        using var db = SqliteDatabase.OpenReadOnly(path);
        var (count, maxId, maxChain) = Sizes(db, path);
        Count = count;
        MaxId = maxId;
        int n = maxId + 1;
        Chain = new int[n]; Parent = new int[n]; Exists = new bool[n];
        var steps = new int[n];
        _swapped = new BitArray(n);
        _slot = new int[n];
        Array.Fill(_slot, -1);
        _recordStart = new uint[n + 1];
        var chains = new ChainStats(maxChain);

        // Problems found while reading, reported as the checks did on a loaded table: segments by column, then id.
        var badSegment = new (int Bubble, int Segment)?[3];
        var children = new List<long>();
        var lists = new IntList[ListCount];
        for (int l = 0; l < ListCount; l++) lists[l] = new IntList();
        var writer = new SpillWriter(_spill!);

        using var q = db.Prepare(
            "SELECT id, chain, chain_step, parent, length, subtype, children, source, sink, inside, range_inclusive, gc_count, x1, x2, y1, y2 FROM bubbles ORDER BY id");
        int next = 0;
        while (q.Step())
        {
            int id = (int)q.Int64(0);
            // Ids without a row get empty records.
            for (; next <= id; next++) _recordStart[next] = writer.Position;
            Exists[id] = true;
            int chain = ReadChain(q, path, id, maxChain);
            Chain[id] = chain;
            int step = q.IsNull(2) ? 0 : checked((int)q.Int64(2));
            steps[id] = step;
            int parent = ReadParent(q, path, id, maxId);
            Parent[id] = parent;
            long length = q.Int64(4);
            chains.Add(id, chain, parent, length);

            int subtype = SubtypeIndex(q.IsNull(5) ? default : q.Utf8(5));
            Parse(path, id, "children", q, 6, lists[ChildrenList]);
            Parse(path, id, "source", q, 7, lists[SourceList]);
            Parse(path, id, "sink", q, 8, lists[SinkList]);
            Parse(path, id, "inside", q, 9, lists[InsideList]);
            Parse(path, id, "range_inclusive", q, 10, lists[RangesList]);
            foreach (int c in lists[ChildrenList].Span) children.Add(((long)id << 32) | (uint)c);
            if (maxSegmentId is { } maxSeg)
                for (int l = 0; l < 3; l++)
                {
                    if (badSegment[l] is not null) continue;
                    foreach (int s in lists[SourceList + l].Span)
                        if (s > maxSeg) { badSegment[l] = (id, s); break; }
                }
            writer.Record(step, subtype, length, q.Int64(11), q.Double(12), q.Double(13), q.Double(14), q.Double(15), lists);
        }
        for (; next <= n; next++) _recordStart[next] = writer.Position;
        writer.Flush();

        foreach (long pair in children)
        {
            int id = (int)(pair >> 32), c = (int)pair;
            if ((uint)c > (uint)maxId || !Exists[c]) throw new BadInputException(path, null, $"bubble {id} lists child {c}, which is not a bubble");
        }
        string[] columns = ["source", "sink", "inside"];
        for (int l = 0; l < 3; l++)
            if (badSegment[l] is { } bad)
                throw new BadInputException(path, null,
                    $"bubble {bad.Bubble}: {columns[l]} names segment {bad.Segment}, beyond the graph (max id {maxSegmentId})");

        chains.Finish(this, steps);
    }

    private void LoadChains(string path)
    {
        using var db = SqliteDatabase.OpenReadOnly(path);
        var (count, maxId, maxChain) = Sizes(db, path);
        Count = count;
        MaxId = maxId;
        int n = maxId + 1;
        Chain = new int[n]; Exists = new bool[n];
        var chains = new ChainStats(maxChain);
        using var q = db.Prepare("SELECT id, chain, chain_step, parent, length FROM bubbles ORDER BY id");
        while (q.Step())
        {
            int id = (int)q.Int64(0);
            Exists[id] = true;
            int chain = ReadChain(q, path, id, maxChain);
            Chain[id] = chain;
            if (!q.IsNull(2)) checked { _ = (int)q.Int64(2); }
            chains.Add(id, chain, ReadParent(q, path, id, maxId), q.Int64(4));
        }
        chains.Finish(this, steps: null);
    }

    private static (int Count, int MaxId, int MaxChain) Sizes(SqliteDatabase db, string path)
    {
        if (!db.HasTable("bubbles")) throw new BadInputException(path, null, "no table 'bubbles'");
        using var st = db.Prepare("SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(MIN(id), 0), COALESCE(MAX(chain), 0) FROM bubbles");
        st.Step();
        int count = checked((int)st.Int64(0));
        long max = st.Int64(1), min = st.Int64(2);
        if (min < 0 || max > int.MaxValue - 1) throw new BadInputException(path, null, $"bubble ids {min}..{max} are outside 0..2^31");
        // Rows with a chain outside 0..maxChain are reported one by one, in id order, as they are read.
        long maxChain = Math.Clamp(st.Int64(3), 0, int.MaxValue - 2);
        return (count, (int)max, (int)maxChain);
    }

    private static int ReadChain(SqliteStatement q, string path, int id, int maxChain)
    {
        long chain = q.IsNull(1) ? 0 : q.Int64(1);
        if (chain < 0 || chain > maxChain) throw new BadInputException(path, null, $"bubble {id} has chain {chain}");
        return (int)chain;
    }

    private static int ReadParent(SqliteStatement q, string path, int id, int maxId)
    {
        long parent = q.IsNull(3) ? 0 : q.Int64(3);
        if (parent < 0 || parent > maxId) throw new BadInputException(path, null, $"bubble {id} has parent {parent}, which is not a bubble id");
        return (int)parent;
    }

    private int SubtypeIndex(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < _subtypeUtf8.Count; i++)
            if (name.SequenceEqual(_subtypeUtf8[i])) return i;
        _subtypeUtf8.Add(name.ToArray());
        _subtypeNames.Add(System.Text.Encoding.UTF8.GetString(name));
        return _subtypeNames.Count - 1;
    }

    private static void Parse(string path, int id, string column, SqliteStatement q, int col, IntList into)
    {
        into.Clear();
        if (q.IsNull(col)) return;
        if (!IntList.TryAppendJsonInts(q.Utf8(col), into))
            throw new BadInputException(path, null, $"bubble {id}: column {column} is not a JSON list of integers");
    }

    public void Dispose() => _spill?.Dispose();

    /// <summary>Per-chain sizes, lengths and parents gathered row by row (rows come in id order), then depths and,
    /// for a full table, the chain lists.</summary>
    private sealed class ChainStats(int maxChain)
    {
        private readonly int[] _sizes = new int[maxChain + 1];
        private readonly long[] _lengths = new long[maxChain + 1];
        private readonly int[] _parentBubble = new int[maxChain + 1];

        public void Add(int id, int chain, int parent, long length)
        {
            _sizes[chain]++;
            _lengths[chain] += length;
            // A chain's parent is the chain of its bubbles' parent bubble; the first bubble (by id) with a parent decides.
            if (parent != 0 && _parentBubble[chain] == 0) _parentBubble[chain] = parent;
        }

        public void Finish(BubbleTable t, int[]? steps)
        {
            t.MaxChain = maxChain;
            t.ChainSizes = _sizes;
            t.ChainLength = _lengths;
            t.ChainParentBubble = _parentBubble;
            t.ChainParent = new int[maxChain + 1];
            for (int ch = 0; ch <= maxChain; ch++)
            {
                int p = _parentBubble[ch];
                if (p != 0 && t.Exists[p]) t.ChainParent[ch] = t.Chain[p];
            }
            t.ChainDepth = Depths(t.ChainParent);
            if (steps is not null) ChainLists(t, steps);
        }

        private static int[] Depths(int[] parent)
        {
            int m = parent.Length;
            var depth = new int[m];
            var state = new byte[m]; // 0 unknown, 1 in progress, 2 done
            var stack = new List<int>();
            for (int ch = 0; ch < m; ch++)
            {
                if (state[ch] == 2) continue;
                // Walk up to a root or a known chain; a cycle (not possible in a valid bubbles.db) stops the walk.
                stack.Clear();
                int cur = ch;
                while (cur != 0 && state[cur] == 0)
                {
                    state[cur] = 1;
                    stack.Add(cur);
                    cur = parent[cur];
                }
                int d = cur != 0 && state[cur] == 2 ? depth[cur] + 1 : 0;
                for (int i = stack.Count - 1; i >= 0; i--)
                {
                    depth[stack[i]] = d++;
                    state[stack[i]] = 2;
                }
            }
            return depth;
        }

        private void ChainLists(BubbleTable t, int[] steps)
        {
            var offsets = new int[maxChain + 2];
            for (int ch = 0; ch <= maxChain; ch++) offsets[ch + 1] = offsets[ch] + _sizes[ch];
            var bubbles = new int[offsets[^1]];
            var fill = (int[])offsets.Clone();
            for (int id = 1; id <= t.MaxId; id++) if (t.Exists[id]) bubbles[fill[t.Chain[id]]++] = id;
            // Bubbles are listed by id, so a stable sort by chain step keeps equal steps in id order.
            var keys = new (int Step, int Id)[0];
            for (int ch = 0; ch <= maxChain; ch++)
            {
                var span = bubbles.AsSpan(offsets[ch], _sizes[ch]);
                if (span.Length < 2) continue;
                if (keys.Length < span.Length) keys = new (int, int)[Math.Max(span.Length, 2 * keys.Length)];
                var k = keys.AsSpan(0, span.Length);
                for (int i = 0; i < span.Length; i++) k[i] = (steps[span[i]], span[i]);
                k.Sort();
                for (int i = 0; i < span.Length; i++) span[i] = k[i].Id;
            }
            t._chainOffsets = offsets;
            t._chainBubbles = bubbles;
        }
    }

    /// <summary>Appends bubble records to the spill file, each padded to whole 4-byte units.</summary>
    private sealed class SpillWriter(FileStream file)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _used;
        private long _written;

        /// <summary>Where the next record starts, in 4-byte units.</summary>
        public uint Position => checked((uint)((_written + _used) / 4));

        public void Record(int step, int subtype, long length, long gc, double x1, double x2, double y1, double y2, IntList[] lists)
        {
            Int(step); Int(subtype); Long(length); Long(gc);
            Double(x1); Double(x2); Double(y1); Double(y2);
            foreach (var l in lists) Int(l.Count);
            foreach (var l in lists) foreach (int v in l.Span) Int(v);
        }

        private void Int(int v)
        {
            if (_used + 4 > _buffer.Length) Flush();
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_used), v);
            _used += 4;
        }

        private void Long(long v)
        {
            Int((int)v);
            Int((int)(v >> 32));
        }

        private void Double(double v) => Long(BitConverter.DoubleToInt64Bits(v));

        public void Flush()
        {
            file.Write(_buffer, 0, _used);
            _written += _used;
            _used = 0;
            file.Flush();
        }
    }

    /// <summary>A reusable list of ints parsed from a JSON column.</summary>
    private sealed class IntList
    {
        private int[] _items = new int[64];

        public int Count { get; private set; }

        public ReadOnlySpan<int> Span => _items.AsSpan(0, Count);

        public void Clear() => Count = 0;

        public void Add(int v)
        {
            if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
            _items[Count++] = v;
        }

        /// <summary>Appends every integer of a JSON list (nested lists are flattened); false if anything else is there
        /// (ids and steps are never negative).</summary>
        public static bool TryAppendJsonInts(ReadOnlySpan<byte> text, IntList into)
        {
            int depth = 0;
            bool sawOpen = false;
            for (int i = 0; i < text.Length; i++)
            {
                byte c = text[i];
                if (c == '[') { depth++; sawOpen = true; }
                else if (c == ']') { if (--depth < 0) return false; }
                else if (c is (byte)',' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') { }
                else if (c is >= (byte)'0' and <= (byte)'9')
                {
                    if (depth == 0) return false;
                    long v = 0;
                    int start = i;
                    while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
                    {
                        v = v * 10 + (text[i] - '0');
                        if (v > int.MaxValue) return false;
                        i++;
                    }
                    if (i == start) return false;
                    i--;
                    into.Add((int)v);
                }
                else return false;
            }
            return sawOpen && depth == 0;
        }
    }
}
