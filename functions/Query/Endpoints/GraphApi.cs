using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Pangy.Core.Query;
using Pangy.Functions.Query.Http;

namespace Pangy.Functions.Query.Endpoints;

/// <summary>Region subgraphs, pops, chain subgraphs, bubble metadata and detail tiles (§8.2, §8.3).</summary>
public static class GraphApi
{
    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/select", Select).WithName("select")
            .WithSummary("Top-level bubbles of a bp window and the links at their ends; 413 beyond 50,000 segments.");
        routes.MapGet("/pop", Pop).WithName("pop")
            .WithSummary("A bubble's segments (with its descendants') and every link touching them.");
        routes.MapGet("/chain-graph", ChainGraph).WithName("chain-graph")
            .WithSummary("A chain (or a chain_step range, or a connector's listed bubbles) as bubble and segment nodes with redirected links.");
        routes.MapGet("/bubble-meta", BubbleMeta).WithName("bubble-meta")
            .WithSummary("Per-bubble metadata of a chain id (c42) or connector (c42:5-10).");
        routes.MapPost("/bubble-meta-batch", BubbleMetaBatch).WithName("bubble-meta-batch")
            .WithSummary("Bubble metadata of several chain ids: body {\"chain_ids\": [...], \"chromosome\": ...}.");
        routes.MapGet("/detail-tiles", DetailTilesRoute).WithName("detail-tiles")
            .WithSummary("Polychain entries of a layout x window with their junction graph.");
        return routes;
    }

    /// <summary>
    /// GET /select. A client that accepts <c>deflate</c> (every browser) gets the answer zlib-compressed, assembled from
    /// cached compressed fragments (<see cref="SelectFragments"/>): the same nodes in the same order and the same links,
    /// listed in another order. Others get the identity JSON, and so does everyone while a chromosome's fragments are
    /// being prepared after its first compressed request (a one-time scan, seconds on chr1).
    /// </summary>
    public static IResult Select(QueryServer server, HttpContext httpContext, string? db, string? genome, string? chromosome, string? start, string? end,
        CancellationToken cancellationToken)
    {
        long s = QueryParams.RequiredLong(start, "start"), e = QueryParams.RequiredLong(end, "end");
        httpContext.Response.Headers.Vary = "Accept-Encoding";
        if (AcceptEncoding.AcceptsDeflate(httpContext.Request.Headers.AcceptEncoding)
            && Leased.Use(server, db, chromosome, chr => GraphQueries.TrySelectDeflated(chr, genome, s, e)) is { } answer)
            return new ZlibQueryResult(answer);
        return Leased.Json(server, db, chromosome, chr => GraphQueries.Select(chr, genome, s, e));
    }

    /// <summary>GET /pop.</summary>
    public static IResult Pop(QueryServer server, string? db, string? id, string? genome, string? chromosome, CancellationToken cancellationToken) =>
        Leased.Json(server, db, chromosome, chr => GraphQueries.Pop(chr, genome, id));

    /// <summary>GET /chain-graph.</summary>
    public static IResult ChainGraph(QueryServer server, string? db, string? id, string? genome, string? chromosome, string? bubbles,
        [FromQuery(Name = "start_pos")] string? startPos, [FromQuery(Name = "end_pos")] string? endPos, CancellationToken cancellationToken)
    {
        string raw = id ?? "";
        if (raw.Contains("_r", StringComparison.Ordinal))
        {
            if (string.IsNullOrEmpty(bubbles)) throw new BadQueryException("Connector chains require &bubbles= parameter");
            return Leased.Json(server, db, chromosome, chr => GraphQueries.BubblesSubgraph(chr, genome, bubbles));
        }
        long? a = QueryParams.OptionalLong(startPos, "start_pos"), b = QueryParams.OptionalLong(endPos, "end_pos");
        return Leased.Json(server, db, chromosome, chr => GraphQueries.ChainGraph(chr, genome, raw, a, b));
    }

    /// <summary>GET /bubble-meta.</summary>
    public static IResult BubbleMeta(QueryServer server, string? db, [FromQuery(Name = "chain_id")] string? chainId, string? chromosome, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(chainId) || string.IsNullOrEmpty(chromosome)) throw new BadQueryException("Missing chain_id or chromosome");
        return Leased.Json(server, db, chromosome, chr => GraphQueries.BubbleMeta(chr, chainId));
    }

    /// <summary>POST /bubble-meta-batch.</summary>
    public static async Task<IResult> BubbleMetaBatch(QueryServer server, HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await RequestJson.ReadAsync(request, cancellationToken);
        var root = body?.RootElement;
        var ids = new List<string>();
        if (root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("chain_ids", out var arr) && arr.ValueKind == JsonValueKind.Array)
            foreach (var e in arr.EnumerateArray())
                if (e.ValueKind == JsonValueKind.String) ids.Add(e.GetString()!);
        string? chromosome = RequestJson.Text(root, "chromosome");
        string? db = RequestJson.Text(root, "db") ?? request.Query["db"];
        if (ids.Count == 0 || string.IsNullOrEmpty(chromosome)) throw new BadQueryException("Missing chain_ids or chromosome");
        return Leased.Json(server, db, chromosome, chr => GraphQueries.BubbleMetaBatch(chr, ids));
    }

    /// <summary>GET /detail-tiles.</summary>
    public static IResult DetailTilesRoute(QueryServer server, string? db, string? genome, string? chromosome, string? start, string? end, string? ppbp,
        string? expand, [FromQuery(Name = "layout_min_x")] string? layoutMinX, [FromQuery(Name = "layout_max_x")] string? layoutMaxX,
        CancellationToken cancellationToken)
    {
        long s = QueryParams.RequiredLong(start, "start"), e = QueryParams.RequiredLong(end, "end");
        double p = QueryParams.RequiredDouble(ppbp, "ppbp");
        _ = expand;
        double? minX = QueryParams.OptionalDouble(layoutMinX, "layout_min_x"), maxX = QueryParams.OptionalDouble(layoutMaxX, "layout_max_x");
        return Leased.Json(server, db, chromosome, chr => DetailTiles.Get(chr, genome, s, e, p, minX, maxX));
    }
}

/// <summary>Reading a JSON request body (bounded by the server's body size limit).</summary>
public static class RequestJson
{
    /// <summary>The parsed body, or null when it is empty or not JSON (the reference's <c>get_json(silent=True)</c>).</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        long limit = request.HttpContext.RequestServices.GetRequiredService<QueryServerOptions>().MaxRequestBodyBytes;
        if (request.ContentLength > limit) throw new TooLargeQueryException($"request body is larger than {limit} bytes", [new("limit", limit)]);
        var body = new MemoryStream();
        var buffer = new byte[1 << 16];
        int n;
        while ((n = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + n > limit) throw new TooLargeQueryException($"request body is larger than {limit} bytes", [new("limit", limit)]);
            body.Write(buffer, 0, n);
        }
        if (body.Length == 0) return null;
        try
        {
            return JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Text(JsonElement? obj, string name) =>
        obj is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
