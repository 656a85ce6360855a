using Pangy.Core.Assets;
using Pangy.Http.Requests;
using Pangy.Http.Responses;

namespace Pangy.Http.Routes;

/// <summary>Genome assets (docs/assets.md): the bucket's files, a chromosome's bases, a genome's sequence sizes; the logic is <see cref="SequenceQueries"/>.</summary>
public static class AssetRoutes
{
    /// <summary>GET /assets.</summary>
    public static async Task<IResult> Assets(QueryServer server, HttpRequest request) =>
        new JsonQueryResult(await SequenceQueries.ListAsync(server.Genomes.Assets, request.HttpContext.RequestAborted));

    /// <summary>GET /sequence.</summary>
    public static async Task<IResult> Sequence(QueryServer server, HttpRequest request) =>
        new JsonQueryResult(await SequenceQueries.SequenceAsync(server.Genomes, QueryParams.Text(request, "genome"),
            QueryParams.Text(request, "chromosome"), QueryParams.RequiredLong(QueryParams.Text(request, "start"), "start"),
            QueryParams.RequiredLong(QueryParams.Text(request, "end"), "end"), QueryParams.Text(request, "strand"),
            server.Options.MaxSequenceLength, request.HttpContext.RequestAborted));

    /// <summary>GET /chrom-sizes.</summary>
    public static async Task<IResult> ChromSizes(QueryServer server, HttpRequest request) =>
        new JsonQueryResult(await SequenceQueries.ChromSizesAsync(server.Genomes, QueryParams.Text(request, "genome"), request.HttpContext.RequestAborted));
}
