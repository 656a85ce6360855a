using Pangy.Http.Routes;

namespace Pangy.Http;

/// <summary>
/// The route table of the query API for minimal-API hosts (<c>pangy serve</c>, tests): one line per route, naming
/// its handler, its query parameters (for the OpenAPI document) and a summary. The Query Function app declares the
/// same routes as one <c>[Function]</c> each over the same handlers. Adding a route: a handler in <c>Routes/</c>, a
/// line here, a function in <c>functions/Query</c>.
/// </summary>
public static class QueryApi
{
    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder api)
    {
        // Pangy's own.
        api.MapGet("/datasets", DatasetRoutes.Datasets).WithName("datasets").WithTags("Datasets")
            .WithSummary("Datasets, their chromosomes (reference and build state) and references. Pangy extension.");
        api.MapGet("/datasets/{db}/status", (QueryServer server, HttpRequest request, string db) => DatasetRoutes.Status(server, request, db))
            .WithName("dataset-status").WithTags("Datasets")
            .WithSummary("The pipeline's status of a dataset: each chromosome's state, inputs, timings, counts and error; uploads that fit no rule. Pangy extension.");
        api.MapGet("/health", DatasetRoutes.Health).WithName("health").WithTags("Datasets").WithSummary("Liveness probe.");

        // Reference data (§8.2).
        api.MapGet("/chromosomes", ReferenceRoutes.Chromosomes).WithName("chromosomes").WithTags("Reference").WithQueryParameters("db", "noncanonical")
            .WithSummary("The canonical chromosome list (cytoband organism), or with noncanonical=true the dataset's other chromosomes.");
        api.MapGet("/cytoband", ReferenceRoutes.Cytoband).WithName("cytoband").WithTags("Reference").WithQueryParameters("chromosome")
            .WithSummary("All bands with the canonical order, or one chromosome's bands (404 when it has none).");
        api.MapGet("/samples", ReferenceRoutes.Samples).WithName("samples").WithTags("Reference").WithQueryParameters("db")
            .WithSummary("Sample names of the dataset's first chromosome, in the order of its path index.");
        api.MapGet("/genes", ReferenceRoutes.Genes).WithName("genes").WithTags("Reference")
            .WithQueryParameters("db", "genome", "chromosome", "start", "end", "mane_only")
            .WithSummary("Gene rows of an annotation chromosome lying fully inside [start, end]; mane_only keeps genes with a MANE Select transcript.");
        api.MapGet("/search", ReferenceRoutes.Search).WithName("search").WithTags("Reference").WithQueryParameters("db", "genome", "type", "query")
            .WithSummary("Genes whose name contains the query (case-insensitive), at most 20; type must be 'gene'.");
        api.MapGet("/gene", ReferenceRoutes.Gene).WithName("gene").WithTags("Reference").WithQueryParameters("db", "genome", "name")
            .WithSummary("Genes named exactly 'name' with their transcripts (MANE, canonical, GENCODE_Primary, CCDS first) and exons. Pangy extension.");

        // Stored files (§8.2, §8.4).
        api.MapGet("/skeleton", SkeletonFileRoutes.Skeleton).WithName("skeleton").WithTags("Stored files").WithQueryParameters("db", "chromosome")
            .WithSummary("The skeleton's metadata as stored (gzip JSON, Content-Encoding: gzip); 404 when missing.");
        api.MapGet("/skeleton-bin", SkeletonFileRoutes.SkeletonBin).WithName("skeleton-bin").WithTags("Stored files").WithQueryParameters("db", "chromosome")
            .WithSummary("The skeleton's polylines as stored (gzip binary, Content-Encoding: gzip); 404 when missing.");
        api.MapGet("/spine", SkeletonFileRoutes.Spine).WithName("spine").WithTags("Stored files").WithQueryParameters("db", "chromosome", "ref")
            .WithSummary("The spine of the reference ref as stored (gzip JSON); ref defaults to the chromosome's reference.");
        api.MapGet("/polychain-data", SkeletonFileRoutes.PolychainData).WithName("polychain-data").WithTags("Stored files").WithQueryParameters("db", "chromosome")
            .WithSummary("The polychain data as stored (gzip JSON); 200 {} when missing.");
        api.MapGet("/graph-meta", SkeletonFileRoutes.GraphMeta).WithName("graph-meta").WithTags("Stored files").WithQueryParameters("db", "chromosome")
            .WithSummary("The chromosome's graph metadata (JSON); 200 {} when missing.");

        // Subgraphs (§8.2, §8.3).
        api.MapGet("/select", GraphRoutes.Select).WithName("select").WithTags("Graph").WithQueryParameters("db", "genome", "chromosome", "start", "end")
            .WithSummary("Top-level bubbles of a bp window and the links at their ends; 413 beyond 50,000 segments.");
        api.MapGet("/pop", GraphRoutes.Pop).WithName("pop").WithTags("Graph").WithQueryParameters("db", "id", "genome", "chromosome")
            .WithSummary("A bubble's segments (with its descendants') and every link touching them.");
        api.MapGet("/chain-graph", GraphRoutes.ChainGraph).WithName("chain-graph").WithTags("Graph")
            .WithQueryParameters("db", "id", "genome", "chromosome", "bubbles", "start_pos", "end_pos")
            .WithSummary("A chain (or a chain_step range, or a connector's listed bubbles) as bubble and segment nodes with redirected links.");
        api.MapGet("/bubble-meta", GraphRoutes.BubbleMeta).WithName("bubble-meta").WithTags("Graph").WithQueryParameters("db", "chain_id", "chromosome")
            .WithSummary("Per-bubble metadata of a chain id (c42) or connector (c42:5-10).");
        api.MapPost("/bubble-meta-batch", GraphRoutes.BubbleMetaBatch).WithName("bubble-meta-batch").WithTags("Graph")
            .WithSummary("Bubble metadata of several chain ids: body {\"chain_ids\": [...], \"chromosome\": ...}.");
        api.MapGet("/detail-tiles", GraphRoutes.DetailTiles).WithName("detail-tiles").WithTags("Graph")
            .WithQueryParameters("db", "genome", "chromosome", "start", "end", "ppbp", "expand", "layout_min_x", "layout_max_x")
            .WithSummary("Polychain entries of a layout x window with their junction graph.");

        // Paths (§8.2).
        api.MapGet("/pathorder", PathRoutes.PathOrder).WithName("pathorder").WithTags("Paths").WithQueryParameters("db", "genome", "chromosome")
            .WithSummary("The sample → colour index map of the chromosome's paths.");
        api.MapGet("/path-meta", PathRoutes.PathMeta).WithName("path-meta").WithTags("Paths").WithQueryParameters("db", "chromosome", "sample")
            .WithSummary("A sample's subpaths (its path index entries) with their reference bp span; [] for an unknown sample.");
        api.MapGet("/path-data", PathRoutes.PathData).WithName("path-data").WithTags("Paths")
            .WithQueryParameters("db", "chromosome", "sample", "index", "genome", "start", "end")
            .WithSummary("A subpath in the binary path codec, gzip-encoded (Content-Encoding: gzip): the stored file, or with start and end only the steps in that window's region.");

        // Exports (§8.2).
        api.MapPost("/gfa", ExportRoutes.Gfa).WithName("gfa").WithTags("Exports")
            .WithSummary("GFA of the selection: body {\"genome\", \"chromosome\", \"bubble_ids\": [...], \"segment_ids\": [...]}.");
        api.MapPost("/layout", ExportRoutes.Layout).WithName("layout").WithTags("Exports")
            .WithSummary("Zip of the selection's GFA (ids compacted, ON:i: tags), odgi .lay and Bandage layout; optional polylines {segId: [[x, y], ...]}.");

        // Genome assets (docs/assets.md). Pangy extension.
        api.MapGet("/assets", AssetRoutes.Assets).WithName("assets").WithTags("Assets")
            .WithSummary("Files of the genome asset bucket and the cache: size, SHA-256, whether cached; the assemblies (.2bit base names).");
        api.MapGet("/sequence", AssetRoutes.Sequence).WithName("sequence").WithTags("Assets").WithQueryParameters("genome", "chromosome", "start", "end", "strand")
            .WithSummary("Bases start..end (1-based, inclusive) of a chromosome (any alias) of a genome; strand=- reverse-complements.");
        api.MapGet("/chrom-sizes", AssetRoutes.ChromSizes).WithName("chrom-sizes").WithTags("Assets").WithQueryParameters("genome")
            .WithSummary("The genome's sequences and lengths (its chrom.sizes, else its .2bit).");

        // The reference's pages: / is the web console (with its files under /console/).
        api.MapConsole();
        api.MapGet("/simplify", ViewerRoutes.Simplify).ExcludeFromDescription();
        api.MapPost("/debug-log", ViewerRoutes.DebugLog).ExcludeFromDescription();
        return api;
    }
}
