using System.Text.Json;
using Pangy.Core.Formats.Compression;

namespace Pangy.Core.Formats.BubbleGunJson;

/// <summary>
/// Reads the JSON that <c>BubbleGun bchains --bubble_json</c> writes (§6.6), plain or gzip:
/// <code>
/// { "&lt;chain_id&gt;": { "chain_id": 1, "ends": ["197", "163"],
///                         "bubbles": [ {"type": "simple", "id": 1, "ends": ["197", "163"], "inside": ["179", "311"]}, ... ],
///                         "parent_sb": 3, "parent_chain": 2 },     // the last two only when non-zero
///   ... }
/// </code>
/// Every field upstream always writes is required (chain: <c>chain_id</c>, <c>ends</c>, <c>bubbles</c>; bubble:
/// <c>type</c>, <c>id</c>, <c>ends</c> with exactly two nodes, <c>inside</c>); unknown fields are skipped. Node ids may
/// be strings of digits (what upstream writes) or JSON integers. The file is streamed, never held whole.
/// </summary>
public static class BubbleGunJsonReader
{
    /// <summary>
    /// Reads a document from <paramref name="stream"/> (read to its end, and disposed with the decompressor that may
    /// wrap it); <paramref name="name"/> is used in errors.
    /// </summary>
    /// <exception cref="BadInputException">The file is not valid JSON or not in BubbleGun's shape.</exception>
    /// <param name="nodeIds">
    /// How node ids map to segment ids, for graphs whose segment names are not integers (the build renumbers those and
    /// keeps the names): given a node id as written, the segment id, or -1 when no segment has that name (reported with
    /// its line). Without it, node ids must be integers and are taken as they are.
    /// </param>
    public static BubbleGunDocument Read(Stream stream, string name, Func<string, long>? nodeIds = null,
        CancellationToken cancellationToken = default)
    {
        using var input = InputStreams.OpenDecompressed(stream, name, out _);
        var json = new JsonTokenStream(input, name);
        var chains = new List<BubbleGunChain>();
        var bubbles = new List<BubbleGunBubble>();
        var nodes = new LongBuffer();

        if (!json.Read())
            throw new BadInputException(name, null, "empty file; expected BubbleGun's JSON object of chains");
        if (json.TokenType != JsonTokenType.StartObject)
            throw Shape(name, json.TokenLine, "expected a JSON object of chains keyed by chain id (BubbleGun's --bubble_json output)");
        while (true)
        {
            Next(json, name);
            if (json.TokenType == JsonTokenType.EndObject) break;
            string key = json.ValueText;
            Next(json, name);
            if (json.TokenType != JsonTokenType.StartObject)
                throw Shape(name, json.TokenLine, $"chain \"{key}\" is not an object");
            chains.Add(ReadChain(json, name, key, bubbles, nodes, nodeIds));
            if (chains.Count % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
        }
        if (json.Read())
            throw Shape(name, json.TokenLine, "unexpected content after the object of chains");
        return new BubbleGunDocument(chains, bubbles, nodes.ToArray());
    }

    private static BubbleGunChain ReadChain(JsonTokenStream json, string name, string key, List<BubbleGunBubble> bubbles, LongBuffer nodes,
        Func<string, long>? nodeIds)
    {
        long line = json.TokenLine;
        long? chainId = null;
        long parentSb = 0, parentChain = 0;
        long endA = 0, endB = 0;
        bool hasEnds = false, hasBubbles = false;
        int first = bubbles.Count;
        while (true)
        {
            Next(json, name);
            if (json.TokenType == JsonTokenType.EndObject) break;
            string prop = json.ValueText;
            Next(json, name);
            switch (prop)
            {
                case "chain_id":
                    chainId = Integer(json, name, $"chain \"{key}\": chain_id");
                    break;
                case "parent_sb":
                    parentSb = Integer(json, name, $"chain \"{key}\": parent_sb");
                    break;
                case "parent_chain":
                    parentChain = Integer(json, name, $"chain \"{key}\": parent_chain");
                    break;
                case "ends":
                    (endA, endB) = EndPair(json, name, $"chain \"{key}\": ends", nodeIds);
                    hasEnds = true;
                    break;
                case "bubbles":
                    if (json.TokenType != JsonTokenType.StartArray)
                        throw Shape(name, json.TokenLine, $"chain \"{key}\": bubbles is not a list");
                    hasBubbles = true;
                    while (true)
                    {
                        Next(json, name);
                        if (json.TokenType == JsonTokenType.EndArray) break;
                        if (json.TokenType != JsonTokenType.StartObject)
                            throw Shape(name, json.TokenLine, $"chain \"{key}\": a bubble is not an object");
                        bubbles.Add(ReadBubble(json, name, key, nodes, nodeIds));
                    }
                    break;
                default:
                    json.SkipValue();
                    break;
            }
        }
        if (chainId is null) throw Shape(name, line, $"chain \"{key}\" has no chain_id");
        if (!hasEnds) throw Shape(name, line, $"chain \"{key}\" has no ends");
        if (!hasBubbles) throw Shape(name, line, $"chain \"{key}\" has no bubbles list");
        return new BubbleGunChain(key, chainId.Value, endA, endB, first, bubbles.Count - first, parentSb, parentChain, line);
    }

    private static BubbleGunBubble ReadBubble(JsonTokenStream json, string name, string chainKey, LongBuffer nodes, Func<string, long>? nodeIds)
    {
        long line = json.TokenLine;
        BubbleGunBubbleType? type = null;
        long? id = null;
        long source = 0, sink = 0;
        bool hasEnds = false;
        int insideStart = -1, insideCount = 0;
        while (true)
        {
            Next(json, name);
            if (json.TokenType == JsonTokenType.EndObject) break;
            string prop = json.ValueText;
            Next(json, name);
            switch (prop)
            {
                case "type":
                    if (json.TokenType != JsonTokenType.String)
                        throw Shape(name, json.TokenLine, $"chain \"{chainKey}\": a bubble's type is not a string");
                    type = json.ValueText switch
                    {
                        "simple" => BubbleGunBubbleType.Simple,
                        "super" => BubbleGunBubbleType.Super,
                        "insertion" => BubbleGunBubbleType.Insertion,
                        var other => throw Shape(name, json.TokenLine,
                            $"chain \"{chainKey}\": bubble type \"{other}\" is not simple, super or insertion"),
                    };
                    break;
                case "id":
                    id = Integer(json, name, $"chain \"{chainKey}\": a bubble's id");
                    break;
                case "ends":
                    (source, sink) = EndPair(json, name, $"chain \"{chainKey}\": a bubble's ends", nodeIds);
                    hasEnds = true;
                    break;
                case "inside":
                    if (json.TokenType != JsonTokenType.StartArray)
                        throw Shape(name, json.TokenLine, $"chain \"{chainKey}\": a bubble's inside is not a list");
                    insideStart = nodes.Count;
                    while (true)
                    {
                        Next(json, name);
                        if (json.TokenType == JsonTokenType.EndArray) break;
                        nodes.Add(NodeId(json, name, $"chain \"{chainKey}\": a bubble's inside", nodeIds));
                    }
                    insideCount = nodes.Count - insideStart;
                    break;
                default:
                    json.SkipValue();
                    break;
            }
        }
        string what = id is { } i ? $"bubble {i}" : "a bubble";
        if (type is null) throw Shape(name, line, $"chain \"{chainKey}\": {what} has no type");
        if (id is null) throw Shape(name, line, $"chain \"{chainKey}\": a bubble has no id");
        if (!hasEnds) throw Shape(name, line, $"chain \"{chainKey}\": {what} has no ends");
        if (insideStart < 0) throw Shape(name, line, $"chain \"{chainKey}\": {what} has no inside list");
        return new BubbleGunBubble(type.Value, id.Value, source, sink, insideStart, insideCount, line);
    }

    // An "ends" list: exactly two nodes.
    private static (long, long) EndPair(JsonTokenStream json, string name, string what, Func<string, long>? nodeIds)
    {
        var ends = NodeList(json, name, what, nodeIds);
        if (ends.Count != 2) throw Shape(name, json.TokenLine, $"{what}: {ends.Count} nodes where 2 are needed");
        return (ends[0], ends[1]);
    }

    private static List<long> NodeList(JsonTokenStream json, string name, string what, Func<string, long>? nodeIds)
    {
        if (json.TokenType != JsonTokenType.StartArray) throw Shape(name, json.TokenLine, $"{what} is not a list");
        var list = new List<long>(2);
        while (true)
        {
            Next(json, name);
            if (json.TokenType == JsonTokenType.EndArray) return list;
            list.Add(NodeId(json, name, what, nodeIds));
        }
    }

    /// <summary>A node id: a string of decimal digits (as upstream writes them) or a JSON integer, or a name to resolve.</summary>
    private static long NodeId(JsonTokenStream json, string name, string what, Func<string, long>? nodeIds)
    {
        if (nodeIds is { } resolve)
        {
            if (json.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                throw Shape(name, json.TokenLine, $"{what}: expected node ids as strings");
            string text = json.ValueText;
            long id = resolve(text);
            if (id < 0) throw new BadInputException(name, json.TokenLine, $"{what} names segment \"{text}\", which is not in the graph");
            return id;
        }
        if (json.TokenType == JsonTokenType.Number && json.TryGetInteger(out long n) && n >= 0) return n;
        if (json.TokenType == JsonTokenType.String)
        {
            var v = json.Value;
            if (v.Length > 0 && v.Length <= 18 && v.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
                return System.Buffers.Text.Utf8Parser.TryParse(v, out long id, out _) ? id : -1;
            throw new BadInputException(name, json.TokenLine, $"{what}: node id \"{json.ValueText}\" is not an integer segment id");
        }
        throw Shape(name, json.TokenLine, $"{what}: expected node ids as strings");
    }

    private static long Integer(JsonTokenStream json, string name, string what)
    {
        if (json.TokenType == JsonTokenType.Number && json.TryGetInteger(out long v)) return v;
        throw Shape(name, json.TokenLine, $"{what} is not an integer");
    }

    private static void Next(JsonTokenStream json, string name)
    {
        if (!json.Read()) throw new BadInputException(name, null, "not valid JSON (the document ends early)");
    }

    private static BadInputException Shape(string name, long line, string reason) =>
        new(name, line, $"not BubbleGun's JSON shape: {reason}");

    /// <summary>A growable long array (List&lt;long&gt; would do; this avoids its per-call overhead on tens of millions of ids).</summary>
    private sealed class LongBuffer
    {
        private long[] _items = new long[1024];
        public int Count { get; private set; }
        public void Add(long v)
        {
            if (Count == _items.Length) Array.Resize(ref _items, checked(_items.Length * 2));
            _items[Count++] = v;
        }
        public long[] ToArray() => _items.AsSpan(0, Count).ToArray();
    }
}
