using System.Buffers;
using System.Text.Json;
using Pangy.Core.Skeleton.Polychains;

namespace Pangy.Core.Query;

/// <summary>
/// One polychain entry: what the queries need from it, and its JSON as the detail tile sends it (internal keys removed,
/// <c>"popped": false</c> and <c>"graph": null</c> added).
/// </summary>
public sealed class PolychainEntry
{
    public required string Id { get; init; }
    public required int[] SourceSegs { get; init; }
    public required int[] SinkSegs { get; init; }
    public required int[] BubbleIds { get; init; }
    public int? StartSeg { get; init; }
    public int? EndSeg { get; init; }
    public double? PlXMin { get; init; }
    public double? PlXMax { get; init; }
    /// <summary>First and last polyline points, when the polyline has at least two.</summary>
    public (double X, double Y)? First { get; init; }
    public (double X, double Y)? Last { get; init; }
    /// <summary>The entry's JSON object as the detail tile answers it.</summary>
    public required byte[] TileJson { get; init; }

    private EntrySummary? _summary;

    /// <summary>What the junction graph reads of the entry (made once; a racing second copy is equal).</summary>
    internal EntrySummary Summary => _summary ??= new EntrySummary(Id, SourceSegs, SinkSegs, StartSeg, EndSeg, First, Last);

    internal static PolychainEntry From(JsonElement c, HashSet<string> internalKeys)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var p in c.EnumerateObject())
            {
                if (internalKeys.Contains(p.Name)) continue;
                p.WriteTo(w);
            }
            w.WriteBoolean("popped", false);
            w.WriteNull("graph");
            w.WriteEndObject();
        }
        (double, double)? first = null, last = null;
        if (c.TryGetProperty("polyline", out var pl) && pl.ValueKind == JsonValueKind.Array && pl.GetArrayLength() >= 2)
        {
            var f = pl[0];
            var l = pl[pl.GetArrayLength() - 1];
            first = (f[0].GetDouble(), f[1].GetDouble());
            last = (l[0].GetDouble(), l[1].GetDouble());
        }
        return new PolychainEntry
        {
            Id = c.GetProperty("id").GetString() ?? "",
            SourceSegs = ChainDecomposition.Ints(c, "source_segs"),
            SinkSegs = ChainDecomposition.Ints(c, "sink_segs"),
            BubbleIds = ChainDecomposition.Ints(c, "bubble_ids"),
            StartSeg = OptInt(c, "_start_seg"),
            EndSeg = OptInt(c, "_end_seg"),
            PlXMin = OptDouble(c, "_pl_x_min"),
            PlXMax = OptDouble(c, "_pl_x_max"),
            First = first,
            Last = last,
            TileJson = buffer.WrittenSpan.ToArray(),
        };
    }

    private static int? OptInt(JsonElement c, string name) =>
        c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static double? OptDouble(JsonElement c, string name) =>
        c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
