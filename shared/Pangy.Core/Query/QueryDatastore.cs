using System.Collections.Concurrent;
using Pangy.Core.Datastore;
using Pangy.Core.Storage;

namespace Pangy.Core.Query;

/// <summary>
/// The read side of a datastore, shared by all requests. It reaches the datastore only through
/// <see cref="IReadableDatastore"/> (a local folder today), which lists datasets and chromosomes and says where a
/// chromosome's files are. Every dataset and chromosome name a request brings is resolved against that listing before
/// any file is touched: a name that could not be a datastore name (<see cref="DatastoreNames"/>) is a
/// <see cref="BadQueryException"/>, one that is well formed but absent a <see cref="NotFoundQueryException"/>.
/// Chromosomes are opened on first use and kept; a chromosome that is replaced on disk (a new publish) is reopened,
/// and the old reader closes when its last request ends.
/// </summary>
public sealed class QueryDatastore : IDisposable
{
    private readonly ConcurrentDictionary<(string, string), Entry> _open = new();
    private readonly object _listingLock = new();
    private Listing? _listing;
    private bool _disposed;

    /// <summary>The read side of the local datastore folder <paramref name="root"/>.</summary>
    public QueryDatastore(string root, QueryDatastoreOptions? options = null)
        : this(new LocalDatastore(root), options)
    {
    }

    public QueryDatastore(IReadableDatastore store, QueryDatastoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        Options = options ?? new QueryDatastoreOptions();
        CacheDirectory = Options.CacheDirectory ?? store.CacheDirectory;
        Budget = new QueryMemoryBudget(Options.CacheBytes ?? QueryMemoryBudget.DefaultLimitBytes());
    }

    /// <summary>The one memory budget of every open chromosome's caches.</summary>
    public QueryMemoryBudget Budget { get; }

    /// <summary>The datastore read.</summary>
    public IReadableDatastore Store { get; }

    /// <summary>Where the datastore is, for messages.</summary>
    public string Root => Store.Location;
    public QueryDatastoreOptions Options { get; }
    public string CacheDirectory { get; }
    public QueryLimits Limits => Options.Limits;

    /// <summary>Dataset names, sorted.</summary>
    public IReadOnlyList<string> Datasets() => GetListing().Datasets;

    /// <summary>Chromosome names of <paramref name="dataset"/>, sorted (the reference uses directory listing order).</summary>
    public IReadOnlyList<string> Chromosomes(string dataset) => GetListing().Chromosomes.GetValueOrDefault(dataset) ?? [];

    /// <summary>The dataset that answers when a request names none.</summary>
    public string? DefaultDataset
    {
        get
        {
            var datasets = Datasets();
            if (Options.DefaultDataset is { } d) return d;
            if (datasets.Count == 1) return datasets[0];
            if (datasets.Contains("_default_")) return "_default_";
            return datasets.Count > 0 ? datasets[0] : null;
        }
    }

    /// <summary>
    /// The reference of a chromosome (the <c>genome</c> of its step index), or null when it has none readable. Reads
    /// one small file; opens nothing.
    /// </summary>
    public string? ReferenceOf(string dataset, string chromosome) =>
        HasChromosome(dataset, chromosome) ? DatasetStatus.ReadReference(Store.Locate(new ChromosomeKey(dataset, chromosome))) : null;

    /// <summary>
    /// The genome assembly a reference name stands for: the one recorded (<c>dataset.json</c> <c>"assembly"</c>,
    /// <c>pangy add --assembly</c>) with a chromosome whose reference is <paramref name="reference"/>, or null when none
    /// is. When datasets disagree, the first dataset and chromosome in name order wins. Read with the listing, so a
    /// newly published chromosome counts within <see cref="QueryDatastoreOptions.ListingLifetime"/>.
    /// </summary>
    public string? AssemblyOfReference(string reference) => GetListing().AssembliesByReference.Value.GetValueOrDefault(reference);

    /// <summary>
    /// The reference genome of a dataset (the reference's <c>app.genome</c>): the reference of its first chromosome
    /// that has one, or null.
    /// </summary>
    public string? DefaultGenome(string dataset)
    {
        foreach (var chr in Chromosomes(dataset))
            if (ReferenceOf(dataset, chr) is { } r) return r;
        return null;
    }

    /// <summary>
    /// Resolves a request's <c>db</c> parameter: null or empty means the default dataset.
    /// </summary>
    /// <exception cref="BadQueryException">The name is not a possible dataset name.</exception>
    /// <exception cref="NotFoundQueryException">The datastore has no such dataset.</exception>
    public string ResolveDataset(string? dataset)
    {
        if (string.IsNullOrEmpty(dataset))
            return DefaultDataset is { } d && Datasets().Contains(d)
                ? d
                : throw new NotFoundQueryException(DefaultDataset is null ? "the datastore holds no dataset" : $"dataset '{DefaultDataset}' not found");
        if (!DatastoreNames.IsValid(dataset)) throw new BadQueryException($"invalid dataset name '{Printable(dataset)}'");
        if (!Datasets().Contains(dataset)) throw new NotFoundQueryException($"dataset '{dataset}' not found");
        return dataset;
    }

    /// <summary>True when <paramref name="chromosome"/> is a chromosome of <paramref name="dataset"/> (exact name).</summary>
    public bool HasChromosome(string dataset, string? chromosome) =>
        chromosome is not null && DatastoreNames.IsValid(chromosome) && Chromosomes(dataset).Contains(chromosome);

    /// <summary>
    /// Opens (or reuses) a chromosome for one request. Dispose the lease when the request is done.
    /// </summary>
    /// <exception cref="BadQueryException">A missing or impossible name.</exception>
    /// <exception cref="NotFoundQueryException">No such dataset or chromosome.</exception>
    public ChromosomeLease Open(string? dataset, string? chromosome)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        string ds = ResolveDataset(dataset);
        if (string.IsNullOrEmpty(chromosome)) throw new BadQueryException("missing parameter: chromosome");
        if (!DatastoreNames.IsValid(chromosome)) throw new BadQueryException($"invalid chromosome name '{Printable(chromosome)}'");
        if (!Chromosomes(ds).Contains(chromosome)) throw new NotFoundQueryException($"chromosome '{chromosome}' not found in dataset '{ds}'");
        return OpenKnown(ds, chromosome);
    }

    /// <summary>Opens a chromosome whose names were already checked against the listing.</summary>
    internal ChromosomeLease OpenKnown(string dataset, string chromosome)
    {
        var key = new ChromosomeKey(dataset, chromosome);
        while (true)
        {
            var now = DateTime.UtcNow;
            var entry = _open.GetOrAdd((dataset, chromosome), _ => NewEntry(key));
            if (now - entry.CheckedAt > Options.ListingLifetime)
            {
                long stamp = Store.ChangeStamp(key);
                if (stamp != entry.Stamp)
                {
                    // Replaced on disk: a fresh reader for new requests; the old one closes after its last request.
                    if (_open.TryUpdate((dataset, chromosome), NewEntry(key), entry)) entry.Reader.Dispose();
                    continue;
                }
                entry.CheckedAt = now;
            }
            if (entry.Reader.TryAddRef()) return new ChromosomeLease(entry.Reader);
        }
    }

    private Entry NewEntry(ChromosomeKey key)
    {
        long stamp = Store.ChangeStamp(key);
        string cache = Path.Combine(CacheDirectory, key.Dataset, key.Chromosome, stamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var files = Store.OpenForReading(key);
        return new Entry(new ChromosomeReader(key.Dataset, key.Chromosome, files.Directory, Limits, Budget, cache), stamp, DateTime.UtcNow);
    }

    private Listing GetListing()
    {
        var l = _listing;
        if (l is not null && DateTime.UtcNow - l.At < Options.ListingLifetime) return l;
        lock (_listingLock)
        {
            l = _listing;
            if (l is not null && DateTime.UtcNow - l.At < Options.ListingLifetime) return l;
            l = ReadListing();
            _listing = l;
            return l;
        }
    }

    private Listing ReadListing()
    {
        var datasets = Store.ListDatasets().ToList();
        var chromosomes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var d in datasets) chromosomes[d] = Store.ListChromosomes(d);
        return new Listing(datasets, chromosomes, DateTime.UtcNow, new Lazy<Dictionary<string, string>>(() => ReadAssemblies(datasets, chromosomes)));
    }

    // Two small files per chromosome, read only when a genome is asked for and then kept as long as the listing.
    private Dictionary<string, string> ReadAssemblies(List<string> datasets, Dictionary<string, IReadOnlyList<string>> chromosomes)
    {
        var byReference = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in datasets)
            foreach (var chr in chromosomes[d])
            {
                var located = Store.Locate(new ChromosomeKey(d, chr));
                if (ChromosomeAssemblyFile.Read(located) is { } assembly && DatasetStatus.ReadReference(located) is { } reference)
                    byReference.TryAdd(reference, assembly);
            }
        return byReference;
    }

    /// <summary>Drops the cached listing so the next request reads the folder again (tests, after a publish).</summary>
    public void Refresh()
    {
        lock (_listingLock) _listing = null;
    }

    /// <summary>A name shortened and stripped of control characters, for error messages.</summary>
    public static string Printable(string s)
    {
        var t = new string(s.Select(c => char.IsControl(c) ? '?' : c).Take(80).ToArray());
        return s.Length > 80 ? t + "…" : t;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var e in _open.Values) e.Reader.Dispose();
        _open.Clear();
    }

    private sealed record Listing(List<string> Datasets, Dictionary<string, IReadOnlyList<string>> Chromosomes, DateTime At,
        Lazy<Dictionary<string, string>> AssembliesByReference);

    private sealed class Entry(ChromosomeReader reader, long stamp, DateTime checkedAt)
    {
        public ChromosomeReader Reader { get; } = reader;
        public long Stamp { get; } = stamp;
        public DateTime CheckedAt { get; set; } = checkedAt;
    }
}
