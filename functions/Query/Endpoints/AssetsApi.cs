using Pangy.Azure.Assets;
using Pangy.Core.Assets;
using Pangy.Functions.Query.Http;

namespace Pangy.Functions.Query.Endpoints;

/// <summary>Genome assets (docs/assets.md): <c>/assets</c>, <c>/sequence</c>, <c>/chrom-sizes</c>; the logic is <see cref="SequenceQueries"/>.</summary>
public static class AssetsApi
{
    public static IEndpointRouteBuilder MapAssetsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/assets", Assets).WithName("assets")
            .WithSummary("Files of the genome asset bucket and the cache: size, SHA-256, whether cached; the assemblies (.2bit base names).");
        routes.MapGet("/sequence", Sequence).WithName("sequence")
            .WithSummary("Bases start..end (1-based, inclusive) of a chromosome (any alias) of a genome; strand=- reverse-complements.");
        routes.MapGet("/chrom-sizes", ChromSizes).WithName("chrom-sizes")
            .WithSummary("The genome's sequences and lengths (its chrom.sizes, else its .2bit).");
        return routes;
    }

    /// <summary>The server's assemblies over its configured bucket (default <c>{Dir}/assets</c>).</summary>
    public static GenomeAssemblies CreateGenomes(QueryServerOptions options)
    {
        string location = string.IsNullOrEmpty(options.Assets) ? Path.Combine(options.Dir, "assets") : options.Assets;
        // No datastore record names a dataset's assembly yet, so genomes are named by their files.
        return new GenomeAssemblies(AssetBuckets.OpenManager(location, options.AssetCache));
    }

    /// <summary>GET /assets.</summary>
    public static async Task<IResult> Assets(GenomeAssemblies genomes, CancellationToken cancellationToken) =>
        new JsonQueryResult(await SequenceQueries.ListAsync(genomes.Assets, cancellationToken));

    /// <summary>GET /sequence.</summary>
    public static async Task<IResult> Sequence(GenomeAssemblies genomes, QueryServerOptions options, string? genome, string? chromosome,
        string? start, string? end, string? strand, CancellationToken cancellationToken) =>
        new JsonQueryResult(await SequenceQueries.SequenceAsync(genomes, genome, chromosome, QueryParams.RequiredLong(start, "start"),
            QueryParams.RequiredLong(end, "end"), strand, options.MaxSequenceLength, cancellationToken));

    /// <summary>GET /chrom-sizes.</summary>
    public static async Task<IResult> ChromSizes(GenomeAssemblies genomes, string? genome, CancellationToken cancellationToken) =>
        new JsonQueryResult(await SequenceQueries.ChromSizesAsync(genomes, genome, cancellationToken));
}
