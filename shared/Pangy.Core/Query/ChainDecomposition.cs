using System.Text.Json;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Compression;

namespace Pangy.Core.Query;

/// <summary>One chain's decomposition file (§7.4 item 4), parsed for the detail-tile query.</summary>
public sealed class ChainDecomposition
{
    public required IReadOnlyList<PolychainEntry> Chains { get; init; }
    /// <summary>The raw JSON of each element of <c>bubbles</c> (empty in current files).</summary>
    public required IReadOnlyList<byte[]> Bubbles { get; init; }
    public required int[] BypassSegIds { get; init; }
    public required (int A, int B)[] BypassGfaLinks { get; init; }
    public required int[] DecomposedBubbles { get; init; }

    /// <summary>
    /// What the parsed decomposition takes on the heap, estimated for the cache budget as twice its JSON text (entries
    /// keep their JSON, plus the parsed fields).
    /// </summary>
    public long EstimatedBytes { get; init; }

    // Keys the detail tile removes before answering (§8.3).
    private static readonly HashSet<string> InternalKeys = new(StringComparer.Ordinal)
    {
        "_layout_span", "_start_seg", "_end_seg", "_min_step", "_max_step", "_pl_x_min", "_pl_x_max", "popped", "graph",
    };

    /// <summary>Parses a <c>decomp/{chain}.json.gz</c> file.</summary>
    /// <exception cref="IndexUnusableException">The file is not a valid decomposition.</exception>
    public static ChainDecomposition Read(string path)
    {
        try
        {
            byte[] json;
            using (var fs = File.OpenRead(path))
            using (var s = InputStreams.OpenDecompressed(fs, path, out _))
            using (var ms = new MemoryStream())
            {
                s.CopyTo(ms);
                json = ms.ToArray();
            }
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var chains = new List<PolychainEntry>();
            if (root.TryGetProperty("chains", out var arr))
                foreach (var c in arr.EnumerateArray()) chains.Add(PolychainEntry.From(c, InternalKeys));
            var bubbles = new List<byte[]>();
            if (root.TryGetProperty("bubbles", out var b))
                foreach (var e in b.EnumerateArray()) bubbles.Add(System.Text.Encoding.UTF8.GetBytes(e.GetRawText()));
            var links = new List<(int, int)>();
            if (root.TryGetProperty("bypass_gfa_links", out var l))
                foreach (var pair in l.EnumerateArray()) links.Add((pair[0].GetInt32(), pair[1].GetInt32()));
            return new ChainDecomposition
            {
                Chains = chains,
                Bubbles = bubbles,
                BypassSegIds = Ints(root, "bypass_seg_ids"),
                BypassGfaLinks = links.ToArray(),
                DecomposedBubbles = Ints(root, "decomposed_bubbles"),
                EstimatedBytes = 256 + 2L * json.Length,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException or BadInputException or KeyNotFoundException)
        {
            throw new IndexUnusableException($"{path} is not a valid chain decomposition ({e.Message}); rebuild the chromosome's skeleton", e);
        }
    }

    internal static int[] Ints(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array) return [];
        var r = new int[a.GetArrayLength()];
        int i = 0;
        foreach (var e in a.EnumerateArray()) r[i++] = e.GetInt32();
        return r;
    }
}
