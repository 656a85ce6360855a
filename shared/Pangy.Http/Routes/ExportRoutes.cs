using System.Globalization;
using System.Text.Json;
using Pangy.Core.Formats.Layout.Bandage;
using Pangy.Core.Query;
using Pangy.Http.Requests;
using Pangy.Http.Responses;

namespace Pangy.Http.Routes;

/// <summary>Exports of a selection (§8.2): GFA, and a zip with GFA, odgi .lay and Bandage layout.</summary>
public static class ExportRoutes
{
    private sealed record Selection(string? Db, string Genome, string Chromosome, List<int> Bubbles, List<int> Segments, JsonElement Root);

    private static async Task<(Selection, JsonDocument)> ReadSelection(QueryServer server, HttpRequest request, CancellationToken cancellationToken)
    {
        var doc = await RequestJson.ReadAsync(request, server.Options.MaxRequestBodyBytes, cancellationToken);
        var root = doc?.RootElement;
        string? genome = RequestJson.Text(root, "genome"), chromosome = RequestJson.Text(root, "chromosome");
        var bubbles = Ids(root, "bubble_ids", 'b');
        var segments = Ids(root, "segment_ids", 's');
        if (doc is null || string.IsNullOrEmpty(genome) || string.IsNullOrEmpty(chromosome) || (bubbles.Count == 0 && segments.Count == 0))
        {
            doc?.Dispose();
            throw new BadQueryException("Missing genome, chromosome, or node IDs");
        }
        string? db = RequestJson.Text(root, "db") ?? QueryParams.Text(request, "db");
        return (new Selection(db, genome, chromosome, bubbles, segments, doc.RootElement), doc);
    }

    // Ids as numbers or as strings with or without their type prefix ("b12", "12").
    private static List<int> Ids(JsonElement? root, string name, char prefix)
    {
        var ids = new List<int>();
        if (root is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty(name, out var arr) || arr.ValueKind != JsonValueKind.Array) return ids;
        foreach (var e in arr.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v)) ids.Add(v);
            else if (e.ValueKind == JsonValueKind.String) ids.Add(GraphQueries.ParseId(e.GetString()!, prefix, name));
            else throw new BadQueryException($"{name} must hold integer ids");
        }
        return ids;
    }

    /// <summary>POST /gfa.</summary>
    public static async Task<IResult> Gfa(QueryServer server, HttpRequest request)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var (sel, doc) = await ReadSelection(server, request, cancellationToken);
        using (doc)
        {
            byte[] bytes = Leased.Use(server, sel.Db, sel.Chromosome, chr =>
            {
                var g = ExportQueries.Resolve(chr, sel.Genome, sel.Bubbles, sel.Segments, cancellationToken);
                var ms = new MemoryStream();
                ExportQueries.WriteGfa(ms, chr, g, compact: false);
                return ms.ToArray();
            });
            return new BytesResult(bytes, "text/plain; charset=utf-8", downloadName: $"{sel.Chromosome}_export.gfa");
        }
    }

    /// <summary>POST /layout.</summary>
    public static async Task<IResult> Layout(QueryServer server, HttpRequest request)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var (sel, doc) = await ReadSelection(server, request, cancellationToken);
        using (doc)
        {
            var polylines = Polylines(sel.Root);
            byte[] bytes = Leased.Use(server, sel.Db, sel.Chromosome, chr =>
            {
                var g = ExportQueries.Resolve(chr, sel.Genome, sel.Bubbles, sel.Segments, cancellationToken);
                var ms = new MemoryStream();
                ExportQueries.WriteLayoutZip(ms, chr, g, polylines);
                return ms.ToArray();
            });
            return new BytesResult(bytes, "application/zip", downloadName: $"{sel.Chromosome}_export.zip");
        }
    }

    private static Dictionary<int, IReadOnlyList<LayoutPoint>>? Polylines(JsonElement root)
    {
        if (!root.TryGetProperty("polylines", out var p) || p.ValueKind != JsonValueKind.Object) return null;
        var result = new Dictionary<int, IReadOnlyList<LayoutPoint>>();
        foreach (var prop in p.EnumerateObject())
        {
            var key = prop.Name.AsSpan().TrimStart('s');
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int id)) throw new BadQueryException($"polylines: invalid segment id '{QueryDatastore.Printable(prop.Name)}'");
            if (prop.Value.ValueKind != JsonValueKind.Array) throw new BadQueryException("polylines: each value must be a list of [x, y] points");
            var points = new List<LayoutPoint>();
            foreach (var pt in prop.Value.EnumerateArray())
            {
                if (pt.ValueKind != JsonValueKind.Array || pt.GetArrayLength() < 2 || pt[0].ValueKind != JsonValueKind.Number || pt[1].ValueKind != JsonValueKind.Number)
                    throw new BadQueryException("polylines: each point must be [x, y]");
                double x = pt[0].GetDouble(), y = pt[1].GetDouble();
                if (!double.IsFinite(x) || !double.IsFinite(y)) throw new BadQueryException("polylines: coordinates must be finite");
                points.Add(new LayoutPoint(x, y));
            }
            result[id] = points;
        }
        return result;
    }
}
