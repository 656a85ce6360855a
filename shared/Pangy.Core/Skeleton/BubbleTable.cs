using Pangy.Core.Bubbles;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Skeleton;

/// <summary>
/// Every row of <c>bubbles.db</c> (§3.3) in flat arrays indexed by bubble id, with the list columns as CSR, plus the
/// per-chain statistics the skeleton needs (<c>segment_to_bubble</c> is read through <see cref="SkeletonGraph"/>).
/// </summary>
/// <remarks>
/// Source and sink may be swapped in memory by <see cref="SwapEnds"/>: the reference re-orients bubbles every time it
/// assembles a chain (<c>Chain._assign_siblings → correct_source_sink</c>) and its cached bubble objects keep that
/// orientation, so the polychain decomposition sees the same.
/// </remarks>
internal sealed class BubbleTable : IDisposable
{
    private static readonly string[] KnownSubtypes = ["simple", "super", "insertion"];

    private readonly List<string> _subtypeNames = [.. KnownSubtypes];

    public int MaxId { get; private set; }
    public int Count { get; private set; }
    public int[] Chain = [];
    public int[] ChainStep = [];
    public byte[] Subtype = [];
    public int[] Parent = [];
    public long[] Length = [];
    public long[] GcCount = [];
    public double[] X1 = [], X2 = [], Y1 = [], Y2 = [];
    public bool[] Exists = [];
    private bool[] _swapped = [];
    private IntLists _children = null!, _source = null!, _sink = null!, _inside = null!, _ranges = null!;

    /// <summary>Chains 0..MaxChain: bubble ids of each chain in chain_step order (CSR).</summary>
    public int MaxChain { get; private set; }
    private int[] _chainOffsets = [];
    private int[] _chainBubbles = [];

    /// <summary>Per chain: the parent chain (0 = none) and the parent bubble (0 = none), from its bubbles' parents.</summary>
    public int[] ChainParent = [];
    public int[] ChainParentBubble = [];
    /// <summary>Per chain: the number of parent-chain hops to a root chain.</summary>
    public int[] ChainDepth = [];

    private BubbleTable(string chromosomeDir, bool chainsOnly)
    {
        string db = Path.Combine(chromosomeDir, BubbleStage.DbFileName);
        if (!File.Exists(db)) throw new BadInputException(db, null, "missing from the chromosome directory (the bubble stage writes it)");
        ChainsOnly = chainsOnly;
        Load(db);
    }

    /// <summary>Reads <c>bubbles.db</c> of a chromosome directory.</summary>
    public static BubbleTable Open(string chromosomeDir) => new(chromosomeDir, chainsOnly: false);

    /// <summary>
    /// Only what chain labels and chain statistics need (chain, chain step, parent, length): the skeleton's runs are
    /// labelled before the full table is needed, so its lists need not be in memory at the same time as the finest
    /// grid level.
    /// </summary>
    public static BubbleTable OpenChains(string chromosomeDir) => new(chromosomeDir, chainsOnly: true);

    /// <summary>True for a table opened with <see cref="OpenChains"/>: no lists, bounding boxes or subtypes.</summary>
    public bool ChainsOnly { get; }

    public string SubtypeName(int bubble) => _subtypeNames[Subtype[bubble]];
    public ReadOnlySpan<int> Children(int bubble) => _children.Of(bubble);
    public ReadOnlySpan<int> Inside(int bubble) => _inside.Of(bubble);
    /// <summary>range_inclusive as a flat list [start0, end0, start1, end1, ...].</summary>
    public ReadOnlySpan<int> RangesInclusive(int bubble) => _ranges.Of(bubble);
    /// <summary>The current source segments (after any in-memory re-orientation).</summary>
    public ReadOnlySpan<int> Source(int bubble) => _swapped[bubble] ? _sink.Of(bubble) : _source.Of(bubble);
    /// <summary>The current sink segments (after any in-memory re-orientation).</summary>
    public ReadOnlySpan<int> Sink(int bubble) => _swapped[bubble] ? _source.Of(bubble) : _sink.Of(bubble);
    /// <summary>Source and sink as stored in bubbles.db.</summary>
    public ReadOnlySpan<int> StoredSource(int bubble) => _source.Of(bubble);
    public ReadOnlySpan<int> StoredSink(int bubble) => _sink.Of(bubble);

    /// <summary>Swaps the bubble's source and sink in memory.</summary>
    public void SwapEnds(int bubble) => _swapped[bubble] = !_swapped[bubble];

    /// <summary>Bubble ids of chain <paramref name="chain"/> in chain_step order (ties by id).</summary>
    public ReadOnlySpan<int> ChainBubbles(int chain) =>
        (uint)chain <= (uint)MaxChain ? _chainBubbles.AsSpan(_chainOffsets[chain], _chainOffsets[chain + 1] - _chainOffsets[chain]) : default;

    /// <summary>The bubble's layout span: max(|x2 - x1|, |y2 - y1|) over its float64 bounding box.</summary>
    public double LayoutSpan(int bubble) => Math.Max(Math.Abs(X2[bubble] - X1[bubble]), Math.Abs(Y2[bubble] - Y1[bubble]));

    private void Load(string path)
    {
        using var db = RawSqlite.OpenReadOnly(path);
        if (!db.HasTable("bubbles")) throw new BadInputException(path, null, "no table 'bubbles'");
        int maxId = 0, count = 0;
        using (var st = db.Prepare("SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(MIN(id), 0) FROM bubbles"))
        {
            st.Step();
            count = checked((int)st.Int64(0));
            long max = st.Int64(1), min = st.Int64(2);
            if (min < 0 || max > int.MaxValue - 1) throw new BadInputException(path, null, $"bubble ids {min}..{max} are outside 0..2^31");
            maxId = (int)max;
        }
        MaxId = maxId;
        Count = count;
        int n = maxId + 1;
        Chain = new int[n]; ChainStep = new int[n]; Parent = new int[n]; Length = new long[n]; Exists = new bool[n];
        bool full = !ChainsOnly;
        int m = full ? n : 1;
        Subtype = new byte[m]; GcCount = new long[m];
        X1 = new double[m]; X2 = new double[m]; Y1 = new double[m]; Y2 = new double[m];
        _swapped = new bool[m];
        _children = new IntLists(m); _source = new IntLists(m); _sink = new IntLists(m); _inside = new IntLists(m); _ranges = new IntLists(m);

        using var q = db.Prepare(full
            ? "SELECT id, chain, chain_step, parent, length, subtype, children, source, sink, inside, range_inclusive, gc_count, x1, x2, y1, y2 FROM bubbles ORDER BY id"
            : "SELECT id, chain, chain_step, parent, length FROM bubbles ORDER BY id");
        int maxChain = 0;
        while (q.Step())
        {
            int id = (int)q.Int64(0);
            Exists[id] = true;
            long chain = q.IsNull(1) ? 0 : q.Int64(1);
            if (chain < 0 || chain > int.MaxValue - 1) throw new BadInputException(path, null, $"bubble {id} has chain {chain}");
            Chain[id] = (int)chain;
            maxChain = Math.Max(maxChain, (int)chain);
            ChainStep[id] = q.IsNull(2) ? 0 : checked((int)q.Int64(2));
            long parent = q.IsNull(3) ? 0 : q.Int64(3);
            if (parent < 0 || parent > maxId) throw new BadInputException(path, null, $"bubble {id} has parent {parent}, which is not a bubble id");
            Parent[id] = (int)parent;
            Length[id] = q.Int64(4);
            if (!full) continue;
            Subtype[id] = SubtypeIndex(q.IsNull(5) ? "" : q.Text(5));
            Parse(path, id, "children", q, 6, _children);
            Parse(path, id, "source", q, 7, _source);
            Parse(path, id, "sink", q, 8, _sink);
            Parse(path, id, "inside", q, 9, _inside);
            Parse(path, id, "range_inclusive", q, 10, _ranges);
            GcCount[id] = q.Int64(11);
            X1[id] = q.Double(12); X2[id] = q.Double(13); Y1[id] = q.Double(14); Y2[id] = q.Double(15);
        }
        foreach (var lists in new[] { _children, _source, _sink, _inside, _ranges }) lists.Seal();
        for (int id = 1; id <= (full ? maxId : 0); id++)
            foreach (int c in _children.Of(id))
                if ((uint)c > (uint)maxId || !Exists[c]) throw new BadInputException(path, null, $"bubble {id} lists child {c}, which is not a bubble");
        BuildChains(maxChain);
    }

    private byte SubtypeIndex(string name)
    {
        int i = _subtypeNames.IndexOf(name);
        if (i < 0)
        {
            if (_subtypeNames.Count == 255) throw new InvalidOperationException("too many distinct bubble subtypes");
            _subtypeNames.Add(name);
            i = _subtypeNames.Count - 1;
        }
        return (byte)i;
    }

    private static void Parse(string path, int id, string column, RawSqlite.Statement q, int col, IntLists into)
    {
        into.Begin(id);
        if (q.IsNull(col)) return;
        if (!IntLists.TryAppendJsonInts(q.Text(col), into))
            throw new BadInputException(path, null, $"bubble {id}: column {column} is not a JSON list of integers");
    }

    private void BuildChains(int maxChain)
    {
        MaxChain = maxChain;
        int c = maxChain + 2;
        _chainOffsets = new int[c];
        for (int id = 1; id <= MaxId; id++) if (Exists[id]) _chainOffsets[Chain[id] + 1]++;
        for (int k = 1; k < c; k++) _chainOffsets[k] += _chainOffsets[k - 1];
        _chainBubbles = new int[_chainOffsets[^1]];
        var fill = (int[])_chainOffsets.Clone();
        for (int id = 1; id <= MaxId; id++) if (Exists[id]) _chainBubbles[fill[Chain[id]]++] = id;
        for (int ch = 0; ch <= maxChain; ch++)
        {
            var span = _chainBubbles.AsSpan(_chainOffsets[ch], _chainOffsets[ch + 1] - _chainOffsets[ch]);
            // Stable: bubbles are listed by id, so equal chain steps stay in id order.
            var keys = new (int Step, int Id)[span.Length];
            for (int i = 0; i < span.Length; i++) keys[i] = (ChainStep[span[i]], span[i]);
            Array.Sort(keys);
            for (int i = 0; i < span.Length; i++) span[i] = keys[i].Id;
        }

        // A chain's parent is the chain of its bubbles' parent bubble; the first bubble (by id) with a parent decides.
        ChainParent = new int[maxChain + 1];
        ChainParentBubble = new int[maxChain + 1];
        for (int id = 1; id <= MaxId; id++)
        {
            if (!Exists[id] || Parent[id] == 0) continue;
            int ch = Chain[id];
            if (ChainParentBubble[ch] != 0) continue;
            ChainParentBubble[ch] = Parent[id];
            ChainParent[ch] = Exists[Parent[id]] ? Chain[Parent[id]] : 0;
        }
        ChainDepth = new int[maxChain + 1];
        var state = new byte[maxChain + 1]; // 0 unknown, 1 in progress, 2 done
        var stack = new List<int>();
        for (int ch = 0; ch <= maxChain; ch++)
        {
            if (state[ch] == 2) continue;
            // Walk up to a root or a known chain; a cycle (not possible in a valid bubbles.db) stops the walk.
            stack.Clear();
            int cur = ch;
            while (cur != 0 && state[cur] == 0)
            {
                state[cur] = 1;
                stack.Add(cur);
                cur = ChainParent[cur];
            }
            int depth = cur != 0 && state[cur] == 2 ? ChainDepth[cur] + 1 : 0;
            for (int i = stack.Count - 1; i >= 0; i--)
            {
                ChainDepth[stack[i]] = depth++;
                state[stack[i]] = 2;
            }
        }
    }

    /// <summary>Number of bubbles of a chain.</summary>
    public int ChainSize(int chain) => _chainOffsets[chain + 1] - _chainOffsets[chain];

    /// <summary>Checks that every segment the bubbles name is a segment id of the graph (0..<paramref name="maxSegmentId"/>).</summary>
    public void CheckSegments(int maxSegmentId, string dbName)
    {
        if (ChainsOnly) return;
        foreach (var (lists, column) in new[] { (_source, "source"), (_sink, "sink"), (_inside, "inside") })
            for (int id = 1; id <= MaxId; id++)
                foreach (int s in lists.Of(id))
                    if (s > maxSegmentId)
                        throw new BadInputException(dbName, null, $"bubble {id}: {column} names segment {s}, beyond the graph (max id {maxSegmentId})");
    }

    public void Dispose() { }

    /// <summary>Integer lists of many owners, appended owner by owner in ascending order, then read as spans.</summary>
    private sealed class IntLists
    {
        private readonly int[] _offsets;
        private int[] _values = new int[1024];
        private int _count;
        private int _current = -1;

        public IntLists(int owners) => _offsets = new int[owners + 1];

        public void Begin(int owner)
        {
            // Owners without a row (gaps in the ids) get empty lists.
            for (int k = _current + 1; k <= owner; k++) _offsets[k] = _count;
            _current = owner;
        }

        public void Add(int v)
        {
            if (_count == _values.Length) Array.Resize(ref _values, _values.Length * 2);
            _values[_count++] = v;
        }

        public void Seal()
        {
            for (int k = _current + 1; k < _offsets.Length; k++) _offsets[k] = _count;
            _current = _offsets.Length - 1;
        }

        public ReadOnlySpan<int> Of(int owner) => _values.AsSpan(_offsets[owner], _offsets[owner + 1] - _offsets[owner]);

        /// <summary>Appends every integer of a JSON list (nested lists are flattened); false if anything else is there
        /// (ids and steps are never negative).</summary>
        public static bool TryAppendJsonInts(string text, IntLists into)
        {
            int depth = 0;
            bool sawOpen = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '[') { depth++; sawOpen = true; }
                else if (c == ']') { if (--depth < 0) return false; }
                else if (c is ',' or ' ' or '\t' or '\n' or '\r') { }
                else if (c is >= '0' and <= '9')
                {
                    if (depth == 0) return false;
                    long v = 0;
                    int start = i;
                    while (i < text.Length && text[i] is >= '0' and <= '9')
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
