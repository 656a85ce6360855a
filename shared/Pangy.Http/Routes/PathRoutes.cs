using Pangy.Core.Query;
using Pangy.Http.Requests;
using Pangy.Http.Responses;

namespace Pangy.Http.Routes;

/// <summary>Haplotype paths (§8.2): sample order, subpath metadata, whole or region path data.</summary>
public static class PathRoutes
{
    /// <summary>GET /pathorder.</summary>
    public static IResult PathOrder(QueryServer server, HttpRequest request) =>
        Leased.Json(server, QueryParams.Text(request, "db"), QueryParams.Text(request, "chromosome"),
            chr => PathQueries.PathOrder(chr, QueryParams.Text(request, "genome")));

    /// <summary>GET /path-meta.</summary>
    public static IResult PathMeta(QueryServer server, HttpRequest request) =>
        Leased.Json(server, QueryParams.Text(request, "db"), QueryParams.Text(request, "chromosome"),
            chr => PathQueries.PathMeta(chr, QueryParams.Text(request, "sample")));

    /// <summary>GET /path-data.</summary>
    public static IResult PathData(QueryServer server, HttpRequest request)
    {
        string? db = QueryParams.Text(request, "db"), chromosome = QueryParams.Text(request, "chromosome"), sample = QueryParams.Text(request, "sample");
        long i = QueryParams.Long(QueryParams.Text(request, "index"), "index", 0);
        if (i is < 0 or > int.MaxValue) throw new NotFoundQueryException($"path index {i} is out of range");
        long? s = QueryParams.OptionalLong(QueryParams.Text(request, "start"), "start"), e = QueryParams.OptionalLong(QueryParams.Text(request, "end"), "end");
        if (s is null || e is null)
        {
            string file = Leased.Use(server, db, chromosome, chr => PathQueries.WholePathFile(chr, sample, (int)i));
            return new StoredFileResult(file, "application/octet-stream", gzipEncoded: true);
        }
        string? genome = QueryParams.Text(request, "genome");
        byte[] bytes = Leased.Use(server, db, chromosome, chr => PathQueries.RegionPath(chr, genome, sample, (int)i, s.Value, e.Value));
        return new BytesResult(bytes, "application/octet-stream", gzipEncoded: true);
    }
}
