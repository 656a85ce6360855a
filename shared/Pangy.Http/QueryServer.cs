using Pangy.Azure.Assets;
using Pangy.Core.Assets;
using Pangy.Core.Cytobands;
using Pangy.Core.Pipeline;
using Pangy.Core.Query;
using Pangy.Core.Storage;

namespace Pangy.Http;

/// <summary>
/// The shared state of the query API in any host: the datastore's read model, its annotation sets and the cytoband
/// set. One per process (a singleton in <c>pangy serve</c> and in the Function app).
/// </summary>
public sealed class QueryServer : IDisposable
{
    private readonly Lazy<CytobandSet> _cytobands;
    private readonly Lazy<GenomeAssemblies> _genomes;

    public QueryServer(QueryServerOptions options)
    {
        Options = options;
        var store = new LocalDatastore(options.Dir);
        Datastore = new QueryDatastore(store, new QueryDatastoreOptions
        {
            DefaultDataset = string.IsNullOrEmpty(options.DefaultDataset) ? null : options.DefaultDataset,
            CacheDirectory = string.IsNullOrEmpty(options.CacheDir) ? null : options.CacheDir,
            Limits = options.Limits,
            CacheBytes = options.CacheMegabytes * (1L << 20),
        });
        Annotations = new AnnotationSets(store, options.Annotations);
        Status = new StatusBook(options.StatusStore ?? new LocalStatusStore(LocalStatusStore.InDatastore(options.Dir)));
        _cytobands = new Lazy<CytobandSet>(() => string.Equals(options.Organism, CytobandSet.CustomOrganism, StringComparison.Ordinal)
            ? CytobandSet.LoadCustom(options.CytobandPath ?? throw new InvalidOperationException("Organism 'custom' needs CytobandPath"),
                options.CanonicalPath ?? throw new InvalidOperationException("Organism 'custom' needs CanonicalPath"))
            : CytobandSet.Load(options.Organism), LazyThreadSafetyMode.ExecutionAndPublication);
        // The bucket is opened on the first asset request. A genome is an assembly's file name, or a dataset's reference
        // name when its chromosomes record the assembly they are (dataset.json "assembly").
        _genomes = new Lazy<GenomeAssemblies>(() => new GenomeAssemblies(AssetBuckets.OpenManager(
            string.IsNullOrEmpty(options.Assets) ? Path.Combine(options.Dir, "assets") : options.Assets, options.AssetCache),
            Datastore.AssemblyOfReference), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public QueryServerOptions Options { get; }
    public QueryDatastore Datastore { get; }
    public AnnotationSets Annotations { get; }

    /// <summary>The pipeline's status (what <c>/datasets/{db}/status</c> reports).</summary>
    public StatusBook Status { get; }
    public CytobandSet Cytobands => _cytobands.Value;
    /// <summary>The genome asset bucket (<see cref="QueryServerOptions.Assets"/>) and its cache.</summary>
    public GenomeAssemblies Genomes => _genomes.Value;

    public void Dispose()
    {
        Datastore.Dispose();
        Annotations.Dispose();
        if (_genomes.IsValueCreated) _genomes.Value.Dispose();
    }
}
