using Pangy.Core.Cytobands;
using Pangy.Core.Query;

namespace Pangy.Http;

/// <summary>
/// The shared state of the query API in any host: the datastore's read model, its annotation sets and the cytoband
/// set. One per process (a singleton in <c>pangy serve</c> and in the Function app).
/// </summary>
public sealed class QueryServer : IDisposable
{
    private readonly Lazy<CytobandSet> _cytobands;

    public QueryServer(QueryServerOptions options)
    {
        Options = options;
        Datastore = new QueryDatastore(options.Dir, new QueryDatastoreOptions
        {
            DefaultDataset = string.IsNullOrEmpty(options.DefaultDataset) ? null : options.DefaultDataset,
            CacheDirectory = string.IsNullOrEmpty(options.CacheDir) ? null : options.CacheDir,
            Limits = options.Limits,
        });
        Annotations = new AnnotationSets(options.Dir, options.Annotations);
        _cytobands = new Lazy<CytobandSet>(() => string.Equals(options.Organism, CytobandSet.CustomOrganism, StringComparison.Ordinal)
            ? CytobandSet.LoadCustom(options.CytobandPath ?? throw new InvalidOperationException("Organism 'custom' needs CytobandPath"),
                options.CanonicalPath ?? throw new InvalidOperationException("Organism 'custom' needs CanonicalPath"))
            : CytobandSet.Load(options.Organism), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public QueryServerOptions Options { get; }
    public QueryDatastore Datastore { get; }
    public AnnotationSets Annotations { get; }
    public CytobandSet Cytobands => _cytobands.Value;

    public void Dispose()
    {
        Datastore.Dispose();
        Annotations.Dispose();
    }
}
