using Pangy.Core.Datastore;
using Pangy.Core.Query;
using Pangy.Functions.Query.Http;

namespace Pangy.Functions.Query.Endpoints;

/// <summary>Haplotype paths (§8.2): sample order, subpath metadata, whole or region path data.</summary>
public static class PathApi
{
    public static IEndpointRouteBuilder MapPathApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/pathorder", PathOrder).WithName("pathorder").WithSummary($"The sample → colour index map ({ChromosomeLayout.PathsDirectoryName}/{ChromosomeLayout.SampleIndexName}).");
        routes.MapGet("/path-meta", PathMeta).WithName("path-meta")
            .WithSummary($"A sample's subpaths ({ChromosomeLayout.PathsDirectoryName}/{ChromosomeLayout.PathIndexName} entries) with their reference bp span; [] for an unknown sample.");
        routes.MapGet("/path-data", PathData).WithName("path-data")
            .WithSummary($"A subpath as a gzip {ChromosomeLayout.BinPathExtension} (Content-Encoding: gzip): the stored file, or with start and end only the steps in that window's region.");
        return routes;
    }

    /// <summary>GET /pathorder.</summary>
    public static IResult PathOrder(QueryServer server, string? db, string? genome, string? chromosome, CancellationToken cancellationToken) =>
        Leased.Json(server, db, chromosome, chr => PathQueries.PathOrder(chr, genome));

    /// <summary>GET /path-meta.</summary>
    public static IResult PathMeta(QueryServer server, string? db, string? chromosome, string? sample, CancellationToken cancellationToken) =>
        Leased.Json(server, db, chromosome, chr => PathQueries.PathMeta(chr, sample));

    /// <summary>GET /path-data.</summary>
    public static IResult PathData(QueryServer server, string? db, string? chromosome, string? sample, string? index, string? genome,
        string? start, string? end, CancellationToken cancellationToken)
    {
        long i = QueryParams.Long(index, "index", 0);
        if (i is < 0 or > int.MaxValue) throw new NotFoundQueryException($"path index {i} is out of range");
        long? s = QueryParams.OptionalLong(start, "start"), e = QueryParams.OptionalLong(end, "end");
        if (s is null || e is null)
        {
            string file = Leased.Use(server, db, chromosome, chr => PathQueries.WholePathFile(chr, sample, (int)i));
            return new StoredFileResult(file, "application/octet-stream", gzipEncoded: true);
        }
        byte[] bytes = Leased.Use(server, db, chromosome, chr => PathQueries.RegionPath(chr, genome, sample, (int)i, s.Value, e.Value));
        return new BytesResult(bytes, "application/octet-stream", gzipEncoded: true);
    }
}
