using Pangy.Core.Datastore;
using Pangy.Core.Formats.PathBlocks;
using Pangy.Core.Sqlite;

namespace Pangy.Core.Query;

/// <summary>
/// Everything a query reads from one published chromosome (<c>graphs/{dataset}/{chromosome}/</c>), opened lazily part
/// by part on first use and shared by all requests: memory-mapped indexes, pooled read-only SQLite connections, the
/// paths catalog, the polychain index. Reference-counted: the datastore retires a reader when its chromosome is
/// replaced, and the files are closed when the last request using it ends.
/// </summary>
public sealed class ChromosomeReader : IDisposable
{
    private readonly Lazy<SegmentIndex> _segments;
    private readonly Lazy<ReadOnlySqlite> _segmentsDb;
    private readonly Lazy<ReadOnlySqlite?> _linksDb;
    private readonly Lazy<LinkIndex> _links;
    private readonly Lazy<StepIndex> _steps;
    private readonly Lazy<BubbleIndex?> _bubbleIndex;
    private readonly Lazy<ReadOnlySqlite?> _bubblesDb;
    private readonly Lazy<BubbleStore?> _bubbles;
    private readonly Lazy<PathCatalog> _paths;
    private readonly Lazy<PolychainIndex?> _polychains;
    private readonly Lazy<ReferenceSpans> _spans;
    private readonly Lazy<SelectFragments> _selectFragments;
    private readonly Lazy<StampSets> _stamps;
    private int _refs = 1;
    private int _disposed;

    public ChromosomeReader(string dataset, string name, string directory, QueryLimits limits, QueryMemoryBudget budget, string? cacheDirectory)
    {
        Dataset = dataset;
        Name = name;
        Directory = directory;
        Limits = limits;
        const LazyThreadSafetyMode mode = LazyThreadSafetyMode.ExecutionAndPublication;
        Files = new ChromosomeLayout(directory);
        _segments = new(() => new SegmentIndex(directory), mode);
        _segmentsDb = new(() => OpenDb(Files.SegmentsDb) ?? throw new IndexUnusableException($"{Files.SegmentsDb} is missing; rebuild the chromosome"), mode);
        _linksDb = new(() => OpenDb(Files.LinksDb), mode);
        _links = new(() => new LinkIndex(directory, _linksDb.Value), mode);
        _steps = new(() => new StepIndex(directory), mode);
        _bubbleIndex = new(() => System.IO.Directory.Exists(Files.IndexDirectory(BubbleIndexLayout.Index)) ? new BubbleIndex(directory) : null, mode);
        // Bubble rows are kept parsed (BubbleStore's cache), so the file is read rarely once warm; read without a
        // mapping, a cold instance's first /select reads its rows' pages instead of 8 MB windows around them.
        _bubblesDb = new(() => OpenDb(Files.BubblesDb, memoryMapped: false), mode);
        _bubbles = new(() => _bubblesDb.Value is { } db ? new BubbleStore(db, budget) : null, mode);
        _spans = new(() => ReferenceSpans.Build(Steps.Segments, Steps.Starts, Steps.Ends), mode);
        _paths = new(() => new PathCatalog(directory, cacheDirectory is null ? null : Path.Combine(cacheDirectory, ChromosomeLayout.PathBlocksDirectoryName), () => _spans.Value), mode);
        _polychains = new(() => PolychainIndex.TryOpen(directory, budget), mode);
        _selectFragments = new(() => new SelectFragments(this, budget, prepareAfter: limits.SelectFragmentsAfterRequests), mode);
        _stamps = new(() => new StampSets(Links.Count, Links.SegmentCapacity, BubbleIndex.BubbleCapacity), mode);
        CheckIndexVersions(directory);
    }

    /// <summary>
    /// Decision 4: every index's <c>meta.json</c> must carry a version this reader understands, checked when the
    /// chromosome is opened (a few small files), so a chromosome written by an incompatible version is refused as a
    /// whole with a message that says what to rebuild, instead of failing on whichever route first touches the index.
    /// </summary>
    private static void CheckIndexVersions(string directory)
    {
        foreach (var index in new[] { SegmentIndexLayout.Index, LinkIndexLayout.Index, StepIndexLayout.Index, BubbleIndexLayout.Index,
                     PolychainIndexLayout.Index, PolychainIndexLayout.ReferenceIndex })
        {
            string dir = index.DirectoryIn(directory);
            if (System.IO.Directory.Exists(dir)) IndexFiles.ReadMeta(dir);
        }
    }

    public string Dataset { get; }
    public string Name { get; }
    public string Directory { get; }

    /// <summary>The chromosome's files.</summary>
    public ChromosomeLayout Files { get; }
    public QueryLimits Limits { get; }

    public SegmentIndex Segments => _segments.Value;
    public LinkIndex Links => _links.Value;
    public StepIndex Steps => _steps.Value;
    public PathCatalog Paths => _paths.Value;

    /// <summary>The reference this chromosome's step index belongs to.</summary>
    public string Reference => Steps.Genome;

    /// <summary>True when the bubble stage has run (bubbles.db and bubbles.mmapindex exist).</summary>
    public bool HasBubbles => File.Exists(Files.BubblesDb) && System.IO.Directory.Exists(Files.IndexDirectory(BubbleIndexLayout.Index));

    /// <summary>The bubble index; <see cref="NotFoundQueryException"/> when the bubble stage has not run.</summary>
    public BubbleIndex BubbleIndex => _bubbleIndex.Value ?? throw new NotFoundQueryException($"chromosome '{Name}' has no bubbles yet");

    /// <summary>Bubble rows; <see cref="NotFoundQueryException"/> when the bubble stage has not run.</summary>
    public BubbleStore Bubbles => (_bubbleIndex.Value is null ? null : _bubbles.Value) ?? throw new NotFoundQueryException($"chromosome '{Name}' has no bubbles yet");

    /// <summary>The polychain index, or null when the skeleton stage has not written one.</summary>
    public PolychainIndex? Polychains => _polychains.Value;

    /// <summary>The compressed /select fragments of this chromosome (built group by group on use).</summary>
    public SelectFragments SelectFragments => _selectFragments.Value;

    /// <summary>Pooled id sets over this chromosome's links, segments and bubbles (deduplication without hashing).</summary>
    public StampSets Stamps => _stamps.Value;

    /// <summary>Each segment's reference bp span (built on first use).</summary>
    public ReferenceSpans ReferenceSpans => _spans.Value;

    /// <summary>A segments.db row, or null when there is no such segment.</summary>
    public SegmentRow? SegmentRow(int id) => _segmentsDb.Value.Use(id, static (c, id) =>
    {
        var st = c.Prepare("SELECT gc_count, n_count, length, x1, y1, x2, y2, seq FROM segments WHERE id = ?1");
        st.BindInt64(1, id);
        SegmentRow? row = st.Step()
            ? new SegmentRow(id, st.Int64(0), st.Int64(1), st.Int64(2), st.Double(3), st.Double(4), st.Double(5), st.Double(6), st.Text(7))
            : null;
        st.Reset();
        return row;
    });

    /// <summary>segments.db rows of <paramref name="ids"/> (missing ids skipped), in the order given, on one connection.</summary>
    public List<SegmentRow> SegmentRows(IEnumerable<int> ids) => _segmentsDb.Value.Use(ids, static (c, ids) =>
    {
        var st = c.Prepare("SELECT gc_count, n_count, length, x1, y1, x2, y2, seq FROM segments WHERE id = ?1");
        var rows = new List<SegmentRow>();
        foreach (int id in ids)
        {
            st.BindInt64(1, id);
            if (st.Step())
                rows.Add(new SegmentRow(id, st.Int64(0), st.Int64(1), st.Int64(2), st.Double(3), st.Double(4), st.Double(5), st.Double(6), st.Text(7)));
            st.Reset();
        }
        return rows;
    });

    /// <summary>The original GFA names of renumbered segments (decision 5), or null when ids are the GFA's own.</summary>
    public IReadOnlyDictionary<int, string>? OriginalNames(IEnumerable<int> ids) => _segmentsDb.Value.Use(ids, static (c, ids) =>
    {
        if (!c.HasTable("segment_names")) return (IReadOnlyDictionary<int, string>?)null;
        var st = c.Prepare("SELECT name FROM segment_names WHERE id = ?1");
        var names = new Dictionary<int, string>();
        foreach (int id in ids)
        {
            st.BindInt64(1, id);
            if (st.Step()) names[id] = st.Text(0);
            st.Reset();
        }
        return names;
    });

    /// <summary>A stored file of the chromosome by its relative name, or null when it does not exist.</summary>
    public string? FileOf(string relative)
    {
        string p = Path.Combine(Directory, relative);
        return File.Exists(p) ? p : null;
    }

    /// <summary>The spine file of <paramref name="reference"/>: Pangy's <c>spine-{escaped}.json.gz</c>, else the reference's <c>spine.{ref}.json.gz</c>.</summary>
    public string? SpineFile(string reference)
    {
        return FileOf(Path.Combine(ChromosomeLayout.SkeletonDirectoryName, ChromosomeLayout.SpineName(reference)))
               ?? FileOf(Path.Combine(ChromosomeLayout.SkeletonDirectoryName, ChromosomeLayout.ReferenceSpineName(reference)));
    }

    private static ReadOnlySqlite? OpenDb(string path, bool memoryMapped = true) => File.Exists(path) ? new ReadOnlySqlite(path, memoryMapped) : null;

    internal bool TryAddRef()
    {
        while (true)
        {
            int r = Volatile.Read(ref _refs);
            if (r <= 0) return false;
            if (Interlocked.CompareExchange(ref _refs, r + 1, r) == r) return true;
        }
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _refs) == 0) Close();
    }

    /// <summary>Drops the datastore's own reference; the files close when the last request lets go.</summary>
    public void Dispose() => Release();

    private void Close()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_paths.IsValueCreated) _paths.Value.Dispose();
        if (_selectFragments.IsValueCreated) _selectFragments.Value.Dispose();
        if (_bubbles.IsValueCreated) _bubbles.Value?.Dispose();
        if (_polychains.IsValueCreated) _polychains.Value?.Dispose();
        if (_bubbleIndex.IsValueCreated) _bubbleIndex.Value?.Dispose();
        if (_bubblesDb.IsValueCreated) _bubblesDb.Value?.Dispose();
        if (_steps.IsValueCreated) _steps.Value.Dispose();
        if (_links.IsValueCreated) _links.Value.Dispose();
        if (_linksDb.IsValueCreated) _linksDb.Value?.Dispose();
        if (_segmentsDb.IsValueCreated) _segmentsDb.Value.Dispose();
        if (_segments.IsValueCreated) _segments.Value.Dispose();
    }
}
