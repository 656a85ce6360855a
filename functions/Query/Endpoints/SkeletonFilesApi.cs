using Pangy.Core.Datastore;
using Pangy.Core.Query;
using Pangy.Functions.Query.Http;

namespace Pangy.Functions.Query.Endpoints;

/// <summary>
/// The stored-file routes (§8.2): skeleton meta and polylines, spine, polychain data and graph meta. The chromosome
/// must be exactly one of the dataset's chromosomes, checked before any file is touched; anything else is a 400, as
/// the reference's <c>_safe_chrom</c> answers (§8.4).
/// </summary>
public static class SkeletonFilesApi
{
    public static IEndpointRouteBuilder MapSkeletonFilesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/skeleton", Skeleton).WithName("skeleton")
            .WithSummary($"{ChromosomeLayout.SkeletonDirectoryName}/{ChromosomeLayout.SkeletonMetaName} as stored (Content-Encoding: gzip); 404 when missing.");
        routes.MapGet("/skeleton-bin", SkeletonBin).WithName("skeleton-bin")
            .WithSummary($"{ChromosomeLayout.SkeletonDirectoryName}/{ChromosomeLayout.SkeletonPolylinesName} as stored (Content-Encoding: gzip); 404 when missing.");
        routes.MapGet("/spine", Spine).WithName("spine")
            .WithSummary($"The reference spine {ChromosomeLayout.SkeletonDirectoryName}/{ChromosomeLayout.SpineName("{ref}")} as stored; ref defaults to the chromosome's reference.");
        routes.MapGet("/polychain-data", PolychainData).WithName("polychain-data")
            .WithSummary($"{ChromosomeLayout.PolychainDataName} as stored; 200 {{}} when missing.");
        routes.MapGet("/graph-meta", GraphMeta).WithName("graph-meta")
            .WithSummary($"The chromosome's {ChromosomeLayout.GraphMetaName}; 200 {{}} when missing.");
        return routes;
    }

    /// <summary>The chromosome of a file route: exactly a listed one (400 otherwise), in a dataset that exists.</summary>
    private static ChromosomeLease SafeChromosome(QueryServer server, string? db, string? chromosome)
    {
        string dataset = server.Datastore.ResolveDataset(db);
        if (!server.Datastore.HasChromosome(dataset, chromosome))
            throw new BadQueryException(string.IsNullOrEmpty(chromosome) ? "Unknown or missing chromosome" : $"Unknown or missing chromosome '{QueryDatastore.Printable(chromosome)}'");
        return server.Datastore.Open(dataset, chromosome);
    }

    private static IResult Stored(QueryServer server, string? db, string? chromosome, string relative, string contentType, bool gzip, IResult? whenMissing)
    {
        using var lease = SafeChromosome(server, db, chromosome);
        string? file = lease.Reader.FileOf(relative);
        if (file is not null) return new StoredFileResult(file, contentType, gzip);
        return whenMissing ?? throw new NotFoundQueryException("No precomputed skeleton data for this chromosome.");
    }

    /// <summary>GET /skeleton.</summary>
    public static IResult Skeleton(QueryServer server, string? db, string? chromosome, CancellationToken cancellationToken) =>
        Stored(server, db, chromosome, ChromosomeLayout.SkeletonMetaRelative, "application/json", true, null);

    /// <summary>GET /skeleton-bin.</summary>
    public static IResult SkeletonBin(QueryServer server, string? db, string? chromosome, CancellationToken cancellationToken) =>
        Stored(server, db, chromosome, ChromosomeLayout.SkeletonPolylinesRelative, "application/octet-stream", true, null);

    /// <summary>GET /polychain-data.</summary>
    public static IResult PolychainData(QueryServer server, string? db, string? chromosome, CancellationToken cancellationToken) =>
        Stored(server, db, chromosome, ChromosomeLayout.PolychainDataName, "application/json", true, EmptyObject);

    /// <summary>GET /graph-meta.</summary>
    public static IResult GraphMeta(QueryServer server, string? db, string? chromosome, CancellationToken cancellationToken) =>
        Stored(server, db, chromosome, ChromosomeLayout.GraphMetaName, "application/json", false, EmptyObject);

    /// <summary>GET /spine.</summary>
    public static IResult Spine(QueryServer server, string? db, string? chromosome, string? @ref, CancellationToken cancellationToken)
    {
        using var lease = SafeChromosome(server, db, chromosome);
        var chr = lease.Reader;
        string reference = string.IsNullOrEmpty(@ref) ? chr.Reference : @ref;
        if (reference != chr.Reference)
        {
            // Only the chromosome's own reference has a spine; a name that looks like a path is refused outright.
            if (reference.Contains("..", StringComparison.Ordinal) || reference.IndexOfAny(['/', '\\']) >= 0 || reference.Any(char.IsControl))
                throw new BadQueryException("Invalid reference genome");
            throw new NotFoundQueryException($"No spine data for {chr.Name} ({QueryDatastore.Printable(reference)}).");
        }
        string? file = chr.SpineFile(reference);
        return file is null
            ? throw new NotFoundQueryException($"No spine data for {chr.Name} ({reference}).")
            : new StoredFileResult(file, "application/json", true);
    }

    private static readonly IResult EmptyObject = new BytesResult("{}"u8.ToArray(), "application/json");
}
