using Pangy.Core.Cytobands;
using Pangy.Core.Pipeline;
using Pangy.Core.Query;

namespace Pangy.Functions.Query;

/// <summary>The shared state of the app: the datastore's read model, its annotation sets and the cytoband set.</summary>
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
        Status = new StatusBook(options.StatusStore ?? new LocalStatusStore(LocalStatusStore.InDatastore(options.Dir)));
        _cytobands = new Lazy<CytobandSet>(() => string.Equals(options.Organism, CytobandSet.CustomOrganism, StringComparison.Ordinal)
            ? CytobandSet.LoadCustom(options.CytobandPath ?? throw new InvalidOperationException("Organism 'custom' needs CytobandPath"),
                options.CanonicalPath ?? throw new InvalidOperationException("Organism 'custom' needs CanonicalPath"))
            : CytobandSet.Load(options.Organism), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public QueryServerOptions Options { get; }
    public QueryDatastore Datastore { get; }
    public AnnotationSets Annotations { get; }

    /// <summary>The pipeline's status (what <c>/datasets/{db}/status</c> reports).</summary>
    public StatusBook Status { get; }
    public CytobandSet Cytobands => _cytobands.Value;

    /// <summary>
    /// The reference genome of a dataset (the reference's <c>app.genome</c>): the reference of its first chromosome that
    /// has one, or null.
    /// </summary>
    public string? DefaultGenome(string dataset)
    {
        foreach (var chr in Datastore.Chromosomes(dataset))
            if (DatasetStatus.ReadReference(Path.Combine(Datastore.Root, "graphs", dataset, chr)) is { } r) return r;
        return null;
    }

    public void Dispose()
    {
        Datastore.Dispose();
        Annotations.Dispose();
    }
}
