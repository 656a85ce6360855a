using System.Text.Json;
using Pangy.Core.Query;
using Pangy.Http.Requests;
using Pangy.Http.Responses;

namespace Pangy.Http.Routes;

/// <summary>Region subgraphs, pops, chain subgraphs, bubble metadata and detail tiles (§8.2, §8.3).</summary>
public static class GraphRoutes
{
    /// <summary>
    /// GET /select. A client that accepts <c>deflate</c> (every browser) gets the answer zlib-compressed, assembled from
    /// cached compressed fragments (<see cref="SelectFragments"/>): the same nodes in the same order and the same links,
    /// listed in another order. Others get the identity JSON, and so does everyone while a chromosome's fragments are
    /// being prepared after its first compressed request (a one-time scan, seconds on chr1).
    /// </summary>
    public static IResult Select(QueryServer server, HttpRequest request)
    {
        string? db = QueryParams.Text(request, "db"), genome = QueryParams.Text(request, "genome"), chromosome = QueryParams.Text(request, "chromosome");
        long s = QueryParams.RequiredLong(QueryParams.Text(request, "start"), "start"), e = QueryParams.RequiredLong(QueryParams.Text(request, "end"), "end");
        request.HttpContext.Response.Headers.Vary = "Accept-Encoding";
        if (AcceptEncoding.AcceptsDeflate(request.Headers.AcceptEncoding)
            && Leased.Use(server, db, chromosome, chr => GraphQueries.TrySelectDeflated(chr, genome, s, e)) is { } answer)
            return new ZlibQueryResult(answer);
        return Leased.Json(server, db, chromosome, chr => GraphQueries.Select(chr, genome, s, e));
    }

    /// <summary>GET /pop.</summary>
    public static IResult Pop(QueryServer server, HttpRequest request) =>
        Leased.Json(server, QueryParams.Text(request, "db"), QueryParams.Text(request, "chromosome"),
            chr => GraphQueries.Pop(chr, QueryParams.Text(request, "genome"), QueryParams.Text(request, "id")));

    /// <summary>GET /chain-graph.</summary>
    public static IResult ChainGraph(QueryServer server, HttpRequest request)
    {
        string? db = QueryParams.Text(request, "db"), genome = QueryParams.Text(request, "genome"), chromosome = QueryParams.Text(request, "chromosome");
        string raw = QueryParams.Text(request, "id") ?? "";
        if (raw.Contains("_r", StringComparison.Ordinal))
        {
            string? bubbles = QueryParams.Text(request, "bubbles");
            if (string.IsNullOrEmpty(bubbles)) throw new BadQueryException("Connector chains require &bubbles= parameter");
            return Leased.Json(server, db, chromosome, chr => GraphQueries.BubblesSubgraph(chr, genome, bubbles));
        }
        long? a = QueryParams.OptionalLong(QueryParams.Text(request, "start_pos"), "start_pos");
        long? b = QueryParams.OptionalLong(QueryParams.Text(request, "end_pos"), "end_pos");
        return Leased.Json(server, db, chromosome, chr => GraphQueries.ChainGraph(chr, genome, raw, a, b));
    }

    /// <summary>GET /bubble-meta.</summary>
    public static IResult BubbleMeta(QueryServer server, HttpRequest request)
    {
        string? chainId = QueryParams.Text(request, "chain_id"), chromosome = QueryParams.Text(request, "chromosome");
        if (string.IsNullOrEmpty(chainId) || string.IsNullOrEmpty(chromosome)) throw new BadQueryException("Missing chain_id or chromosome");
        return Leased.Json(server, QueryParams.Text(request, "db"), chromosome, chr => GraphQueries.BubbleMeta(chr, chainId));
    }

    /// <summary>POST /bubble-meta-batch.</summary>
    public static async Task<IResult> BubbleMetaBatch(QueryServer server, HttpRequest request)
    {
        using var body = await RequestJson.ReadAsync(request, server.Options.MaxRequestBodyBytes, request.HttpContext.RequestAborted);
        var root = body?.RootElement;
        var ids = new List<string>();
        if (root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("chain_ids", out var arr) && arr.ValueKind == JsonValueKind.Array)
            foreach (var e in arr.EnumerateArray())
                if (e.ValueKind == JsonValueKind.String) ids.Add(e.GetString()!);
        string? chromosome = RequestJson.Text(root, "chromosome");
        string? db = RequestJson.Text(root, "db") ?? QueryParams.Text(request, "db");
        if (ids.Count == 0 || string.IsNullOrEmpty(chromosome)) throw new BadQueryException("Missing chain_ids or chromosome");
        return Leased.Json(server, db, chromosome, chr => GraphQueries.BubbleMetaBatch(chr, ids));
    }

    /// <summary>GET /detail-tiles.</summary>
    public static IResult DetailTiles(QueryServer server, HttpRequest request)
    {
        // expand is accepted and ignored, as the reference does.
        long s = QueryParams.RequiredLong(QueryParams.Text(request, "start"), "start"), e = QueryParams.RequiredLong(QueryParams.Text(request, "end"), "end");
        double p = QueryParams.RequiredDouble(QueryParams.Text(request, "ppbp"), "ppbp");
        double? minX = QueryParams.OptionalDouble(QueryParams.Text(request, "layout_min_x"), "layout_min_x");
        double? maxX = QueryParams.OptionalDouble(QueryParams.Text(request, "layout_max_x"), "layout_max_x");
        string? genome = QueryParams.Text(request, "genome");
        return Leased.Json(server, QueryParams.Text(request, "db"), QueryParams.Text(request, "chromosome"),
            chr => Pangy.Core.Query.DetailTiles.Get(chr, genome, s, e, p, minX, maxX));
    }
}
