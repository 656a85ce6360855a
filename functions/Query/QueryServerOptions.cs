using Pangy.Core.Query;

namespace Pangy.Functions.Query;

/// <summary>
/// Configuration of the query server (section <c>Pangy</c>: <c>Pangy__Dir</c>, <c>Pangy__DefaultDataset</c>, …, or the
/// <c>pangy serve</c> options). The reference's environment variables <c>ORGANISM</c>, <c>CYTOBAND_PATH</c> and
/// <c>CANONICAL_PATH</c> are honoured too.
/// </summary>
public sealed class QueryServerOptions
{
    public const string Section = "Pangy";

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

    /// <summary>Where the pipeline's status is read (the status table in Azure); null: the datastore's local status folder.</summary>
    public Pangy.Core.Pipeline.IStatusStore? StatusStore { get; set; }

    /// <summary>Request limits (413 beyond them).</summary>
    public QueryLimits Limits { get; set; } = new();

    /// <summary>Largest request body accepted (POST /gfa, /layout, /bubble-meta-batch).</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 << 20;
}
