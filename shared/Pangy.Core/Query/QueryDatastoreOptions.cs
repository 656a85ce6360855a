using Pangy.Core.Storage;

namespace Pangy.Core.Query;

/// <summary>Settings of a <see cref="QueryDatastore"/>.</summary>
public sealed record QueryDatastoreOptions
{
    /// <summary>The dataset that answers requests without <c>db</c>; null: the only dataset, else <c>_default_</c>, else the first.</summary>
    public string? DefaultDataset { get; init; }

    /// <summary>Where derived files (path block files missing from the datastore) are kept; null: the datastore's own cache folder (<see cref="IReadableDatastore.CacheDirectory"/>).</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Request limits.</summary>
    public QueryLimits Limits { get; init; } = new();

    /// <summary>
    /// Memory the query caches of all chromosomes together may take (parsed bubble rows, compressed /select fragments,
    /// chain decompositions; see <see cref="QueryMemoryBudget"/>); null: <see cref="QueryMemoryBudget.DefaultLimitBytes"/>.
    /// </summary>
    public long? CacheBytes { get; init; }

    /// <summary>How long a directory listing is trusted before it is read again.</summary>
    public TimeSpan ListingLifetime { get; init; } = TimeSpan.FromSeconds(2);
}
