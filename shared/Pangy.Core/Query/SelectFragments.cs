using Pangy.Core.Formats.Compression;
using System.Buffers;

namespace Pangy.Core.Query;

/// <summary>
/// /select answers compressed (zlib, <c>Content-Encoding: deflate</c>) from precompressed fragments, so that a request
/// does almost no compression work. One per chromosome reader.
/// <para>
/// The top-level range index (<c>bubbles.mmapindex</c>: ids, start_steps, end_steps — /select's scan order) is cut into
/// groups of <see cref="DefaultGroupSize"/> consecutive entries. For each group, built on first use and kept within the
/// process's <see cref="QueryMemoryBudget"/>, two raw-deflate streams are compressed once at level 9: the group's
/// bubbles (<c>B,B,…</c>) and the links the group <em>owns</em> (<c>L,L,…</c>), each with a sync flush every
/// <see cref="DefaultCutEvery"/> entries, so a prefix of the group can be cut off at any of those points; and, from every
/// <see cref="DefaultSuffixEvery"/>-th entry of the group on, a <em>suffix</em>: the same two streams from that entry to
/// the end of the group, each compressed as one piece (see <see cref="SelectGroup"/>). A link is owned by the first
/// entry, in index order, whose bubble has one of the link's ends as its source or sink; every link of a bubble is
/// therefore owned by that bubble's entry or by an earlier one, and links a cut or suffix touches but does not own are
/// kept in a short list with their owner.
/// </para>
/// <para>
/// A request scans the entries of its window as the identity answer does. At a group start where the next entries are
/// kept whole (each entry's range lies inside the window), it takes the longest cut of the group's streams over them —
/// usually the whole group. In the window's first group, entered part way, it takes a suffix where one starts and the
/// rest of the group is kept whole. Every other entry (the first group's entries before its next suffix start, entries
/// that reach past the window and are recursed into, a remainder shorter than a cut) is answered on the fly and
/// compressed at level 1. Links: each cut or suffix contributes the links it owns; a link of an on-the-fly bubble, or a
/// not-owned link of a cut or suffix, is added on the fly unless the piece that owns it is in the answer. The pieces, a
/// few stored blocks for the JSON punctuation, a final block and the Adler-32 combined from the pieces' own make one
/// zlib stream that decompresses to the identity answer: the same nodes in the same order, and the same set of links
/// (in a different order: a piece's links, then those added on the fly).
/// </para>
/// <para>
/// Entries that cannot be cached (a bubble listed twice in the index, a missing bubble, an index range that is not one
/// of the bubble's own) end their group's cacheable prefix and are always answered on the fly, which keeps the
/// first-occurrence rule of the identity answer exact.
/// </para>
/// </summary>
public sealed class SelectFragments : IBudgetedCache, IDisposable
{
    /// <summary>Index entries per cached group, by default.</summary>
    public const int DefaultGroupSize = 32;

    /// <summary>Entries between the points a group's streams can be cut at, by default.</summary>
    public const int DefaultCutEvery = 4;

    /// <summary>Entries between the starts of a group's suffixes (streams from a later entry to the group's end), by default.</summary>
    public const int DefaultSuffixEvery = 16;

    private readonly ChromosomeReader _chr;
    private readonly int _groupSize, _cutEvery, _suffixEvery;
    private readonly object _ownershipLock = new();
    private Ownership? _ownership;
    private int _preparing;
    private readonly int _prepareAfter;
    private int _asked;
    private readonly object[] _locks = Enumerable.Range(0, 64).Select(_ => new object()).ToArray();
    private readonly QueryMemoryBudget _budget;
    private long _bytes, _lastUsed, _suffixesSent;
    private volatile bool _disposed;
    private int _evictFrom;

    /// <param name="chr">The chromosome.</param>
    /// <param name="budget">The process's budget the cached groups count against; when it is over, they may be asked to shed half.</param>
    /// <param name="groupSize">Index entries per group (a multiple of <paramref name="cutEvery"/>).</param>
    /// <param name="cutEvery">Entries between cut points.</param>
    /// <param name="prepareAfter">Times <see cref="IsReady"/> says false before it starts the preparation.</param>
    /// <param name="suffixEvery">Entries between suffix starts (a group has one from every multiple of it inside the group); 0 for none.</param>
    public SelectFragments(ChromosomeReader chr, QueryMemoryBudget budget, int groupSize = DefaultGroupSize, int cutEvery = DefaultCutEvery,
        int prepareAfter = 0, int suffixEvery = DefaultSuffixEvery)
    {
        if (cutEvery < 1 || groupSize < cutEvery || groupSize % cutEvery != 0)
            throw new ArgumentOutOfRangeException(nameof(groupSize), "the group size must be a positive multiple of the cut step");
        if (suffixEvery < 0)
            throw new ArgumentOutOfRangeException(nameof(suffixEvery), "the suffix step must be 0 (none) or positive");
        _chr = chr;
        _budget = budget;
        _groupSize = groupSize;
        _cutEvery = cutEvery;
        _suffixEvery = suffixEvery < groupSize ? suffixEvery : 0;
        _prepareAfter = prepareAfter;
        budget.Register(this);
    }

    /// <summary>
    /// True when answers can be assembled without waiting. The fragments need one scan of bubbles.db (about 0.5 s for
    /// chr22, 2–3 s for chr1, and the whole file read); when that has not happened, this says false, so a server answers
    /// uncompressed meanwhile instead of holding requests, and from the (prepareAfter + 1)-th call on it starts the scan
    /// in the background.
    /// </summary>
    public bool IsReady
    {
        get
        {
            if (Volatile.Read(ref _ownership) is not null) return true;
            if (Interlocked.Increment(ref _asked) > _prepareAfter && Interlocked.CompareExchange(ref _preparing, 1, 0) == 0)
                _ = Task.Run(() =>
                {
                    try { GetOwnership(); }
                    // A failure surfaces on the request that next needs it (identity answers read the same files).
                    catch (Exception) { }
                    finally { Volatile.Write(ref _preparing, 0); }
                });
            return false;
        }
    }

    /// <summary>Does the one-time scan now (see <see cref="IsReady"/>).</summary>
    public void Prepare() => GetOwnership();

    // Built once under a lock; a failure (an unreadable database) is not remembered, the next request tries again.
    private Ownership GetOwnership()
    {
        var own = Volatile.Read(ref _ownership);
        if (own is not null) return own;
        lock (_ownershipLock)
        {
            _ownership ??= Ownership.Build(_chr, _groupSize);
            return _ownership;
        }
    }

    /// <summary>Bytes the cached groups hold now.</summary>
    public long CachedBytes => Interlocked.Read(ref _bytes);

    /// <summary>Suffixes put in answers so far (how often a window entering a group part way found one).</summary>
    public long SuffixesSent => Interlocked.Read(ref _suffixesSent);

    /// <summary>Number of groups cached now.</summary>
    public int CachedGroups => Volatile.Read(ref _ownership)?.Groups.Count(g => g is not null) ?? 0;

    /// <summary>
    /// The /select answer of the step range [<paramref name="minStep"/>, <paramref name="maxStep"/>] as a zlib stream (see
    /// the class remarks); the same limits (413) as the identity answer.
    /// </summary>
    public ZlibAnswer Answer(long minStep, long maxStep)
    {
        var own = GetOwnership();
        Volatile.Write(ref _lastUsed, Environment.TickCount64);
        var index = _chr.BubbleIndex;
        var store = _chr.Bubbles;
        var (from, to) = index.EntriesFor(minStep, maxStep);
        GraphQueries.CheckRegionEntries(_chr, from, to);
        var starts = index.RangeStarts;
        var ends = index.RangeEnds;
        var ids = index.RangeIds;

        var scratch = Scratch.Rent();
        try
        {
            var items = scratch.Items;
            var fly = scratch.FlyBubbles;
            var seen = scratch.SeenBubbles;
            var stack = scratch.Stack;
            var covered = scratch.Covered;
            long segCount = 0;
            int i = from;
            while (i < to)
            {
                int position = i % _groupSize;
                if (position == 0)
                {
                    int g = i / _groupSize;
                    int prefix = own.GroupPrefix[g];
                    if (prefix > 0)
                    {
                        int k = KeptWhole(starts, ends, i, i + Math.Min(prefix, to - i), minStep, maxStep);
                        int cutEntries = k == prefix ? k : k / _cutEvery * _cutEvery;
                        if (cutEntries > 0)
                        {
                            var group = GetGroup(own, g, prefix);
                            int cut = group.CutFor(cutEntries);
                            items.Add(new Item(group, cut, 0, 0));
                            segCount += group.Rows[cut].SegCount;
                            Cover(covered, i, i + cutEntries);
                            i += cutEntries;
                            continue;
                        }
                    }
                }
                else if (_suffixEvery > 0 && position % _suffixEvery == 0)
                {
                    // The window entered this group part way: from here to the end of the group's cacheable prefix is
                    // one precompressed suffix when all of it is kept whole.
                    int g = i / _groupSize;
                    int end = g * _groupSize + own.GroupPrefix[g];
                    if (end > i && end <= to && KeptWhole(starts, ends, i, end, minStep, maxStep) == end - i)
                    {
                        var group = GetGroup(own, g, end - g * _groupSize);
                        int row = group.SuffixAt(position);
                        if (row >= 0)
                        {
                            items.Add(new Item(group, row, 0, 0));
                            segCount += group.Rows[row].SegCount;
                            Cover(covered, i, end);
                            Interlocked.Increment(ref _suffixesSent);
                            i = end;
                            continue;
                        }
                    }
                }
                // On the fly, exactly as the identity scan does: keep the bubble if contained, else try its children.
                int first = fly.Count;
                stack.Push((int)ids[i]);
                while (stack.Count > 0)
                {
                    var b = store.Get(stack.Pop());
                    if (b is null) continue;
                    if (b.IsContained(minStep, maxStep))
                    {
                        if (seen.Add(b.Id)) { fly.Add(b); segCount += b.OwnSegmentCount; }
                        continue;
                    }
                    for (int c = b.Children.Length - 1; c >= 0; c--) stack.Push(b.Children[c]);
                }
                if (fly.Count > first)
                {
                    if (items.Count > 0 && items[^1].Group is null) items[^1] = items[^1] with { FlyCount = items[^1].FlyCount + fly.Count - first };
                    else items.Add(new Item(null, 0, first, fly.Count - first));
                }
                i++;
            }
            GraphQueries.CheckSelectSegments(_chr, segCount);

            // Links not carried by the cuts in the answer.
            var links = _chr.Links;
            var extra = scratch.ExtraLinks;
            var extraSeen = scratch.SeenLinks;
            foreach (var b in fly)
            {
                AddExtra(own, links, b.Source, covered, extra, extraSeen);
                AddExtra(own, links, b.Sink, covered, extra, extraSeen);
            }
            foreach (var item in items)
            {
                if (item.Group is not { } group) continue;
                var row = group.Rows[item.Cut];
                var foreign = group.Foreign.AsSpan(row.ForeignFrom, row.ForeignCount);
                foreach (ulong f in foreign)
                {
                    uint l = (uint)f;
                    if (!Covers(covered, (int)(f >> 32)) && extraSeen.Add(l)) extra.Add(l);
                }
            }

            var z = new ZlibAssembler();
            try
            {
                z.Literal("{\"nodes\":["u8);
                bool any = false;
                foreach (var item in items)
                {
                    if (any) z.Literal(","u8);
                    any = true;
                    if (item.Group is { } group)
                    {
                        var row = group.Rows[item.Cut];
                        z.Compressed(new ArraySegment<byte>(group.Data, row.NodeOffset, row.NodeBytes), row.NodeAdler, row.NodeRaw);
                    }
                    else
                    {
                        var raw = scratch.Raw;
                        raw.Clear();
                        for (int b = item.FlyStart; b < item.FlyStart + item.FlyCount; b++)
                        {
                            if (b > item.FlyStart) raw.Write(","u8);
                            raw.Write(fly[b].Json);
                        }
                        z.OnTheFly(raw.WrittenSpan);
                    }
                }
                z.Literal("],\"links\":["u8);
                any = false;
                foreach (var item in items)
                {
                    if (item.Group is not { } group || group.Rows[item.Cut].LinkRaw == 0) continue;
                    if (any) z.Literal(","u8);
                    any = true;
                    var row = group.Rows[item.Cut];
                    z.Compressed(new ArraySegment<byte>(group.Data, row.LinkOffset, row.LinkBytes), row.LinkAdler, row.LinkRaw);
                }
                if (extra.Count > 0)
                {
                    if (any) z.Literal(","u8);
                    var raw = scratch.Raw;
                    raw.Clear();
                    for (int x = 0; x < extra.Count; x++)
                    {
                        if (x > 0) raw.Write(","u8);
                        uint l = extra[x];
                        raw.Advance(GraphJson.FormatLink(raw.GetSpan(GraphJson.MaxLinkJson), LinkView.Of(links, l, links.Frequency(l))));
                    }
                    z.OnTheFly(raw.WrittenSpan);
                }
                z.Literal("]}"u8);
                return z.Finish();
            }
            catch
            {
                z.Abandon();
                throw;
            }
        }
        finally
        {
            Scratch.Return(scratch);
        }
    }

    private static void AddExtra(Ownership own, LinkIndex links, int[] segs, List<(int From, int To)> covered, List<uint> extra, HashSet<uint> seen)
    {
        foreach (int s in segs)
            foreach (uint l in links.LinksOf(s))
                if (!Covers(covered, own.FirstEntry(links, l)) && seen.Add(l)) extra.Add(l);
    }

    /// <summary>How many entries from <paramref name="from"/> on (before <paramref name="limit"/>) lie inside the window, so that they are kept whole.</summary>
    private static int KeptWhole(ReadOnlySpan<uint> starts, ReadOnlySpan<uint> ends, int from, int limit, long minStep, long maxStep)
    {
        int k = from;
        while (k < limit && starts[k] >= minStep && ends[k] <= maxStep) k++;
        return k - from;
    }

    /// <summary>Adds the entries [<paramref name="from"/>, <paramref name="to"/>) to the sorted ranges (after the last).</summary>
    private static void Cover(List<(int From, int To)> ranges, int from, int to)
    {
        if (ranges.Count > 0 && ranges[^1].To == from) ranges[^1] = (ranges[^1].From, to);
        else ranges.Add((from, to));
    }

    /// <summary>True when entry <paramref name="entry"/> lies in one of the (sorted, disjoint) entry ranges.</summary>
    private static bool Covers(List<(int From, int To)> ranges, int entry)
    {
        int lo = 0, hi = ranges.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var (a, b) = ranges[mid];
            if (entry < a) hi = mid - 1;
            else if (entry >= b) lo = mid + 1;
            else return true;
        }
        return false;
    }

    private SelectGroup GetGroup(Ownership own, int g, int prefix)
    {
        var groups = own.Groups;
        var group = Volatile.Read(ref groups[g]);
        if (group is not null) return group;
        lock (_locks[g % _locks.Length])
        {
            group = Volatile.Read(ref groups[g]);
            if (group is not null) return group;
            group = SelectGroup.Build(_chr, own, g * _groupSize, prefix, _cutEvery, _suffixEvery);
            Volatile.Write(ref groups[g], group);
        }
        if (!_disposed)
        {
            Interlocked.Add(ref _bytes, group.Bytes);
            _budget.Charge(group.Bytes);
        }
        return group;
    }

    public long Bytes => Interlocked.Read(ref _bytes);

    public long LastUsed => Volatile.Read(ref _lastUsed);

    /// <summary>Drops cached groups, walking round from where the last eviction stopped, until half the bytes are gone.</summary>
    public void ShedHalf()
    {
        if (Volatile.Read(ref _ownership) is not { } own) return;
        lock (_locks)
        {
            var groups = own.Groups;
            long target = Interlocked.Read(ref _bytes) / 2;
            int g = _evictFrom;
            for (int step = 0; step < groups.Length && Interlocked.Read(ref _bytes) > target; step++, g = (g + 1) % groups.Length)
            {
                var old = Interlocked.Exchange(ref groups[g], null);
                if (old is null) continue;
                Interlocked.Add(ref _bytes, -old.Bytes);
                _budget.Release(old.Bytes);
            }
            _evictFrom = g;
        }
    }

    /// <summary>Releases the cached groups from the budget (the chromosome closed).</summary>
    public void Dispose()
    {
        lock (_locks)
        {
            if (_disposed) return;
            _disposed = true;
            _budget.Unregister(this);
            if (Volatile.Read(ref _ownership) is { } own) Array.Clear(own.Groups);
            Interlocked.Exchange(ref _bytes, 0);
        }
    }

    private readonly record struct Item(SelectGroup? Group, int Cut, int FlyStart, int FlyCount);

    /// <summary>
    /// What the cached groups rest on, built once per chromosome from one scan of bubbles.db: which entries can be
    /// cached, and for each segment the first cacheable entry whose bubble has it as an end (which decides link owners).
    /// </summary>
    internal sealed class Ownership
    {
        public required int[] SegFirst { get; init; }
        public required int[] GroupPrefix { get; init; }
        public required SelectGroup?[] Groups { get; init; }

        /// <summary>The entry that owns link <paramref name="link"/>; <see cref="int.MaxValue"/> when no cacheable entry does.</summary>
        public int FirstEntry(LinkIndex links, uint link)
        {
            long a = links.From(link), b = links.To(link);
            int fa = (ulong)a < (ulong)SegFirst.Length ? SegFirst[a] : int.MaxValue;
            int fb = (ulong)b < (ulong)SegFirst.Length ? SegFirst[b] : int.MaxValue;
            return Math.Min(fa, fb);
        }

        public static Ownership Build(ChromosomeReader chr, int groupSize)
        {
            var index = chr.BubbleIndex;
            var ids = index.RangeIds;
            var starts = index.RangeStarts;
            var ends = index.RangeEnds;
            int n = ids.Length;
            long capacity = index.BubbleCapacity;
            foreach (uint id in ids) capacity = Math.Max(capacity, (long)id + 1);
            var entriesOf = new byte[capacity];
            foreach (uint id in ids) if (entriesOf[id] < 2) entriesOf[id]++;
            var wanted = new bool[capacity];
            foreach (uint id in ids) wanted[id] = true;
            var rows = chr.Bubbles.ReadEnds(wanted);

            var cacheable = new bool[n];
            int maxSeg = -1;
            for (int e = 0; e < n; e++)
            {
                uint id = ids[e];
                if (entriesOf[id] != 1 || !rows.Has(id)) continue;
                var r = rows.RangesOf(id);
                bool own = false;
                for (int k = 0; k + 1 < r.Length; k += 2)
                    if (r[k] == starts[e] && r[k + 1] == ends[e]) { own = true; break; }
                if (!own) continue;
                cacheable[e] = true;
                foreach (int s in rows.EndsOf(id)) maxSeg = Math.Max(maxSeg, s);
            }
            var segFirst = new int[maxSeg + 1];
            Array.Fill(segFirst, int.MaxValue);
            for (int e = 0; e < n; e++)
            {
                if (!cacheable[e]) continue;
                foreach (int s in rows.EndsOf(ids[e]))
                    if (s >= 0 && segFirst[s] == int.MaxValue) segFirst[s] = e;
            }
            int groupCount = (n + groupSize - 1) / groupSize;
            var prefix = new int[groupCount];
            for (int g = 0; g < groupCount; g++)
            {
                int e0 = g * groupSize, k = 0;
                while (e0 + k < n && k < groupSize && cacheable[e0 + k]) k++;
                prefix[g] = k;
            }
            return new Ownership { SegFirst = segFirst, GroupPrefix = prefix, Groups = new SelectGroup?[groupCount] };
        }
    }

    /// <summary>Per-request working sets, pooled (nothing in them grows with the chromosome).</summary>
    private sealed class Scratch
    {
        public readonly List<Item> Items = [];
        public readonly List<BubbleRecord> FlyBubbles = [];
        public readonly HashSet<int> SeenBubbles = [];
        public readonly Stack<int> Stack = new();
        public readonly List<(int From, int To)> Covered = [];
        public readonly List<uint> ExtraLinks = [];
        public readonly HashSet<uint> SeenLinks = [];
        public readonly ArrayBufferWriter<byte> Raw = new(1 << 16);

        [ThreadStatic] private static Scratch? _cached;

        public static Scratch Rent()
        {
            var s = _cached ?? new Scratch();
            _cached = null;
            return s;
        }

        public static void Return(Scratch s)
        {
            // A huge answer's capacity is not held on to.
            if (s.SeenBubbles.Count > 1 << 16 || s.SeenLinks.Count > 1 << 16 || s.Raw.Capacity > 1 << 22) return;
            s.Items.Clear(); s.FlyBubbles.Clear(); s.SeenBubbles.Clear(); s.Stack.Clear(); s.Covered.Clear();
            s.ExtraLinks.Clear(); s.SeenLinks.Clear(); s.Raw.Clear();
            _cached = s;
        }
    }
}
