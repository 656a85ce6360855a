using Pangy.Core.Query;

namespace Pangy.Http;

/// <summary>
/// Configuration of the query server (section <c>Pangy</c>: <c>Pangy__Dir</c>, <c>Pangy__DefaultDataset</c>, …, or the
/// <c>pangy serve</c> options). The pipeline's <c>PANGY_DATASTORE</c> (the datastore root, when <c>Pangy:Dir</c> is not
/// given) and the reference's environment variables <c>ORGANISM</c>, <c>CYTOBAND_PATH</c> and <c>CANONICAL_PATH</c>
/// are honoured too.
/// </summary>
public sealed class QueryServerOptions
{
    public const string Section = "Pangy";

    /// <summary>The app setting naming the datastore root in the pipeline's apps (the share's mount path in Azure).</summary>
    public const string DatastoreSetting = "PANGY_DATASTORE";

    /// <summary>The datastore root (holding <c>graphs/</c> and <c>annotations/</c>).</summary>
    public string Dir { get; set; } = "datastore";

    /// <summary>The dataset that answers requests without <c>db</c>; empty: the only one, else <c>_default_</c>, else the first.</summary>
    public string? DefaultDataset { get; set; }

    /// <summary>Cytoband organism: <c>human-hg38</c> (default), <c>human-t2t</c>/<c>human-chm13</c>, <c>custom</c> or <c>none</c>.</summary>
    public string Organism { get; set; } = "human-hg38";

    /// <summary>With <c>Organism=custom</c>: the UCSC cytoBand file and the canonical chromosome list.</summary>
    public string? CytobandPath { get; set; }
    public string? CanonicalPath { get; set; }

    /// <summary>The annotation set served for each reference; empty: the newest one (§8.1).</summary>
    public string? Annotations { get; set; }

    /// <summary>A path prefix for every route (the Functions host's <c>api</c>); empty for <c>pangy serve</c>.</summary>
    public string RoutePrefix { get; set; } = "";

    /// <summary>Where derived files are cached; empty: <c>{Dir}/.pangy/cache</c>.</summary>
    public string? CacheDir { get; set; }

    /// <summary>The genome asset bucket (docs/assets.md): a folder, an Azure container or an HTTPS URL; empty: <c>{Dir}/assets</c>.</summary>
    public string? Assets { get; set; }

    /// <summary>Where assets from a remote bucket are cached; empty: <c>PANGY_ASSET_CACHE</c>, else the user's data folder.</summary>
    public string? AssetCache { get; set; }

    /// <summary>Longest window <c>/sequence</c> returns (413 beyond).</summary>
    public long MaxSequenceLength { get; set; } = 10_000_000;

    /// <summary>Where the pipeline's status is read (the status table of the <c>PangyStorage</c> settings when they are given); null: the datastore's local status folder.</summary>
    public Pangy.Core.Pipeline.IStatusStore? StatusStore { get; set; }

    /// <summary>Request limits (413 beyond them).</summary>
    public QueryLimits Limits { get; set; } = new();

    /// <summary>
    /// Memory in MB the query caches of all chromosomes may take together (<c>Pangy__CacheMegabytes</c>,
    /// <c>pangy serve --cache-mb</c>); empty: a quarter of the instance's memory, between 64 MB and 1 GB.
    /// </summary>
    public long? CacheMegabytes { get; set; }

    /// <summary>Largest request body accepted (POST /gfa, /layout, /bubble-meta-batch).</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 << 20;

    /// <summary>The options from <paramref name="configuration"/>: section <c>Pangy</c>, then the environment
    /// settings named above, then <paramref name="configure"/>.</summary>
    public static QueryServerOptions Read(IConfiguration configuration, Action<QueryServerOptions>? configure = null)
    {
        var options = new QueryServerOptions();
        var section = configuration.GetSection(Section);
        section.Bind(options);
        if (section["Dir"] is null && configuration[DatastoreSetting] is { Length: > 0 } datastore) options.Dir = datastore;
        if (configuration["ORGANISM"] is { Length: > 0 } organism) options.Organism = organism;
        if (configuration["CYTOBAND_PATH"] is { Length: > 0 } cyto) options.CytobandPath = cyto;
        if (configuration["CANONICAL_PATH"] is { Length: > 0 } canon) options.CanonicalPath = canon;
        options.Assets ??= Pangy.Azure.Assets.AssetBuckets.LocationFromSettings(k => configuration[k]);
        // In Azure the pipeline's status is the storage account's table; pangy up passes its own store.
        options.StatusStore ??= Pangy.Azure.Status.TableStatusStore.FromSettings(k => configuration[k]);
        configure?.Invoke(options);
        options.RoutePrefix = NormalizePrefix(options.RoutePrefix);
        return options;
    }

    /// <summary><c>api</c>, <c>/api/</c> → <c>/api</c>; empty stays empty.</summary>
    public static string NormalizePrefix(string? prefix)
    {
        prefix = (prefix ?? "").Trim().Trim('/');
        return prefix.Length == 0 ? "" : "/" + prefix;
    }
}
