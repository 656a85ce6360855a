using System.Collections.Concurrent;
using Pangy.Core.Sqlite;

namespace Pangy.Core.Query;

/// <summary>
/// Bubble rows of <c>bubbles.db</c> by id and by chain, through the pooled read-only connections, with parsed rows kept
/// in a cache bounded by the process's <see cref="QueryMemoryBudget"/> (the reference keeps a FIFO of 1000 rows).
/// </summary>
public sealed class BubbleStore : IDisposable
{
    private const string Columns = "id, chain, chain_step, subtype, parent, children, siblings, source, sink, inside, " +
                                   "range_exclusive, range_inclusive, length, gc_count, n_count, x1, x2, y1, y2";

    private readonly ReadOnlySqlite _db;
    private readonly BoundedCache<int, BubbleRecord> _cache;
    private readonly ConcurrentDictionary<string, string> _subtypes = new(StringComparer.Ordinal);

    public BubbleStore(ReadOnlySqlite db, QueryMemoryBudget budget)
    {
        _db = db;
        _cache = new BoundedCache<int, BubbleRecord>(budget, static b => b.EstimatedBytes);
    }

    /// <summary>Bytes the cached rows hold now (estimated, as charged to the budget).</summary>
    public long CachedBytes => _cache.Bytes;

    /// <summary>Releases the cached rows from the budget (the database is the chromosome reader's to close).</summary>
    public void Dispose() => _cache.Dispose();

    /// <summary>The bubble with id <paramref name="id"/>, or null.</summary>
    public BubbleRecord? Get(int id) => Get(id, keep: true);

    /// <summary>
    /// The bubble with id <paramref name="id"/>, or null; with <paramref name="keep"/> false a row read from the database is
    /// not added to the cache (for one-off readers that keep what they derive instead).
    /// </summary>
    public BubbleRecord? Get(int id, bool keep)
    {
        if (_cache.TryGet(id, out var b)) return b;
        b = _db.Use(this, (c, self) =>
        {
            var st = c.Prepare($"SELECT {Columns} FROM bubbles WHERE id = ?1");
            st.BindInt64(1, id);
            var row = st.Step() ? self.Parse(st) : null;
            st.Reset();
            return row;
        });
        if (b is not null && keep) _cache.Set(id, b);
        return b;
    }

    /// <summary>Ids further apart than this are read by separate range queries (the rows between are read and dropped).</summary>
    internal const int PreloadGap = 16;

    /// <summary>
    /// Reads the rows of <paramref name="ids"/> that are not cached yet into the cache, with one range query
    /// (<c>id BETWEEN a AND b</c>) per run of ids less than <see cref="PreloadGap"/> apart instead of one lookup per id: a
    /// window's top-level bubbles are mostly consecutive ids (numbered along their chain), whose rows lie together in
    /// the table's b-tree, so a cold instance reads them as a few sequential runs of pages. Returns the rows read.
    /// </summary>
    public int Preload(ReadOnlySpan<uint> ids)
    {
        var wanted = new List<int>(ids.Length);
        foreach (uint id in ids)
            if (id <= int.MaxValue && !_cache.TryGet((int)id, out _)) wanted.Add((int)id);
        if (wanted.Count == 0) return 0;
        wanted.Sort();
        return _db.Use((self: this, wanted), static (c, a) =>
        {
            var st = c.Prepare($"SELECT {Columns} FROM bubbles WHERE id BETWEEN ?1 AND ?2");
            var wanted = a.wanted;
            int read = 0;
            for (int i = 0; i < wanted.Count;)
            {
                int j = i;
                while (j + 1 < wanted.Count && wanted[j + 1] - wanted[j] < PreloadGap) j++;
                int lo = wanted[i], hi = wanted[j];
                st.BindInt64(1, lo);
                st.BindInt64(2, hi);
                int k = i;
                while (st.Step())
                {
                    int id = (int)st.Int64(0);
                    while (k <= j && wanted[k] < id) k++;
                    if (k > j || wanted[k] != id) continue;
                    a.self._cache.Set(id, a.self.Parse(st));
                    read++;
                }
                st.Reset();
                i = j + 1;
            }
            return read;
        });
    }

    /// <summary>
    /// Source, sink and inclusive ranges of the bubbles whose ids <paramref name="wanted"/> marks (an array indexed by
    /// id), read in one scan of the table.
    /// </summary>
    public BubbleEnds ReadEnds(ReadOnlySpan<bool> wanted)
    {
        var mask = wanted.ToArray();
        return _db.Use(mask, static (c, mask) =>
        {
            var result = new BubbleEnds(mask.Length);
            var st = c.Prepare("SELECT id, source, sink, range_inclusive FROM bubbles");
            while (st.Step())
            {
                long id = st.Int64(0);
                if ((ulong)id >= (ulong)mask.Length || !mask[id]) continue;
                result.Add((int)id, st.Utf8(1), st.Utf8(2), st.Utf8(3));
            }
            st.Reset();
            return result;
        });
    }

    /// <summary>The bubble with id <paramref name="id"/>; <see cref="NotFoundQueryException"/> when there is none.</summary>
    public BubbleRecord Require(int id) => Get(id) ?? throw new NotFoundQueryException($"bubble b{id} not found");

    /// <summary>
    /// Bubble ids of chain <paramref name="chain"/> with chain_step in [<paramref name="fromStep"/>, <paramref name="toStep"/>],
    /// in chain order.
    /// </summary>
    public List<int> ChainBubbleIds(int chain, long fromStep, long toStep) => _db.Use((chain, fromStep, toStep), static (c, a) =>
    {
        var st = c.Prepare("SELECT id FROM bubbles WHERE chain = ?1 AND chain_step BETWEEN ?2 AND ?3 ORDER BY chain_step");
        st.BindInt64(1, a.chain);
        st.BindInt64(2, a.fromStep);
        st.BindInt64(3, a.toStep);
        var ids = new List<int>();
        while (st.Step()) ids.Add((int)st.Int64(0));
        st.Reset();
        return ids;
    });

    /// <summary>The first and last chain_step of chain <paramref name="chain"/>, or null when it has no bubble.</summary>
    public (int First, int Last)? ChainEnds(int chain) => _db.Use(chain, static (c, chain) =>
    {
        var st = c.Prepare("SELECT MIN(chain_step), MAX(chain_step) FROM bubbles WHERE chain = ?1");
        st.BindInt64(1, chain);
        (int, int)? ends = st.Step() && !st.IsNull(0) ? ((int)st.Int64(0), (int)st.Int64(1)) : null;
        st.Reset();
        return ends;
    });

    /// <summary>Every bubble id of chain <paramref name="chain"/> in chain order.</summary>
    public List<int> ChainBubbleIds(int chain) => ChainEnds(chain) is { } e ? ChainBubbleIds(chain, e.First, e.Last) : [];

    private BubbleRecord Parse(SqliteStatement st)
    {
        string subtype = st.Text(3);
        subtype = _subtypes.GetOrAdd(subtype, subtype);
        var siblings = JsonIntList.Parse(st.Utf8(6));
        return new BubbleRecord
        {
            Id = (int)st.Int64(0),
            Chain = (int)st.Int64(1),
            ChainStep = (int)st.Int64(2),
            Subtype = subtype,
            Parent = st.IsNull(4) ? 0 : (int)st.Int64(4),
            Children = JsonIntList.Parse(st.Utf8(5)),
            PrevSibling = siblings.Length > 0 ? siblings[0] : 0,
            NextSibling = siblings.Length > 1 ? siblings[1] : 0,
            Source = JsonIntList.Parse(st.Utf8(7)),
            Sink = JsonIntList.Parse(st.Utf8(8)),
            Inside = JsonIntList.Parse(st.Utf8(9)),
            RangeExclusive = JsonIntList.Parse(st.Utf8(10)),
            RangeInclusive = JsonIntList.Parse(st.Utf8(11)),
            Length = st.Int64(12),
            GcCount = st.Int64(13),
            NCount = st.Int64(14),
            X1 = st.Double(15),
            X2 = st.Double(16),
            Y1 = st.Double(17),
            Y2 = st.Double(18),
        };
    }
}
