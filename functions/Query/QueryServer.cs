using Pangy.Core.Cytobands;
using Pangy.Core.Query;
using Pangy.Core.Storage;

namespace Pangy.Functions.Query;

/// <summary>The shared state of the app: the datastore's read model, its annotation sets and the cytoband set.</summary>
public sealed class QueryServer : IDisposable
{
    private readonly Lazy<CytobandSet> _cytobands;

    public QueryServer(QueryServerOptions options)
    {
        Options = options;
        var store = new LocalDatastore(options.Dir);
        Datastore = new QueryDatastore(store, new QueryDatastoreOptions
        {
            DefaultDataset = string.IsNullOrEmpty(options.DefaultDataset) ? null : options.DefaultDataset,
            CacheDirectory = string.IsNullOrEmpty(options.CacheDir) ? null : options.CacheDir,
            Limits = options.Limits,
        });
        Annotations = new AnnotationSets(store, options.Annotations);
        _cytobands = new Lazy<CytobandSet>(() => string.Equals(options.Organism, CytobandSet.CustomOrganism, StringComparison.Ordinal)
            ? CytobandSet.LoadCustom(options.CytobandPath ?? throw new InvalidOperationException("Organism 'custom' needs CytobandPath"),
                options.CanonicalPath ?? throw new InvalidOperationException("Organism 'custom' needs CanonicalPath"))
            : CytobandSet.Load(options.Organism), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public QueryServerOptions Options { get; }
    public QueryDatastore Datastore { get; }
    public AnnotationSets Annotations { get; }
    public CytobandSet Cytobands => _cytobands.Value;

    /// <summary>
    /// The reference genome of a dataset (the reference's <c>app.genome</c>): the reference of its first chromosome that
    /// has one, or null.
    /// </summary>
    public string? DefaultGenome(string dataset) => Datastore.DefaultGenome(dataset);

    public void Dispose()
    {
        Datastore.Dispose();
        Annotations.Dispose();
    }
}
