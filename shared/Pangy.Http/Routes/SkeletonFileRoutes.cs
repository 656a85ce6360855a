using Pangy.Core.Datastore;
using Pangy.Core.Query;
using Pangy.Http.Requests;
using Pangy.Http.Responses;

namespace Pangy.Http.Routes;

/// <summary>
/// The stored-file routes (§8.2): skeleton meta and polylines, spine, polychain data and graph meta. The chromosome
/// must be exactly one of the dataset's chromosomes, checked before any file is touched; anything else is a 400, as
/// the reference's <c>_safe_chrom</c> answers (§8.4).
/// </summary>
public static class SkeletonFileRoutes
{
    /// <summary>GET /skeleton.</summary>
    public static IResult Skeleton(QueryServer server, HttpRequest request) =>
        Stored(server, request, ChromosomeLayout.SkeletonMetaRelative, "application/json", true, null);

    /// <summary>GET /skeleton-bin.</summary>
    public static IResult SkeletonBin(QueryServer server, HttpRequest request) =>
        Stored(server, request, ChromosomeLayout.SkeletonPolylinesRelative, "application/octet-stream", true, null);

    /// <summary>GET /polychain-data.</summary>
    public static IResult PolychainData(QueryServer server, HttpRequest request) =>
        Stored(server, request, ChromosomeLayout.PolychainDataName, "application/json", true, EmptyObject);

    /// <summary>GET /graph-meta.</summary>
    public static IResult GraphMeta(QueryServer server, HttpRequest request) =>
        Stored(server, request, ChromosomeLayout.GraphMetaName, "application/json", false, EmptyObject);

    /// <summary>GET /spine.</summary>
    public static IResult Spine(QueryServer server, HttpRequest request)
    {
        using var lease = SafeChromosome(server, request);
        var chr = lease.Reader;
        string? requested = QueryParams.Text(request, "ref");
        string reference = string.IsNullOrEmpty(requested) ? chr.Reference : requested;
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

    /// <summary>The chromosome of a file route: exactly a listed one (400 otherwise), in a dataset that exists.</summary>
    private static ChromosomeLease SafeChromosome(QueryServer server, HttpRequest request)
    {
        string dataset = server.Datastore.ResolveDataset(QueryParams.Text(request, "db"));
        string? chromosome = QueryParams.Text(request, "chromosome");
        if (!server.Datastore.HasChromosome(dataset, chromosome))
            throw new BadQueryException(string.IsNullOrEmpty(chromosome) ? "Unknown or missing chromosome" : $"Unknown or missing chromosome '{QueryDatastore.Printable(chromosome)}'");
        return server.Datastore.Open(dataset, chromosome);
    }

    private static IResult Stored(QueryServer server, HttpRequest request, string relative, string contentType, bool gzip, IResult? whenMissing)
    {
        using var lease = SafeChromosome(server, request);
        string? file = lease.Reader.FileOf(relative);
        if (file is not null) return new StoredFileResult(file, contentType, gzip);
        return whenMissing ?? throw new NotFoundQueryException("No precomputed skeleton data for this chromosome.");
    }

    private static readonly IResult EmptyObject = new BytesResult("{}"u8.ToArray(), "application/json");
}
