using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Formats.BubbleGunJson;

namespace Pangy.Core.Tests.Formats.BubbleGunJson;

/// <summary>The BubbleGun JSON reader and writer (§6.6), and the fingerprint's Python rounding.</summary>
public sealed class BubbleGunJsonTests
{
    private static BubbleGunDocument Read(string text, string name = "b.json") =>
        BubbleGunJsonReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name);

    [Fact]
    public void Reads_the_upstream_example()
    {
        // BubbleGun's example/test.json, first chain (§6.6).
        var doc = Read("""{"1": {"chain_id": 1, "ends": ["197", "163"], "bubbles": [{"type": "simple", "id": 1, "ends": ["197", "163"], "inside": ["179", "311"]}], "parent_sb": 3, "parent_chain": 2}}""");
        var chain = Assert.Single(doc.Chains);
        Assert.Equal(("1", 1L, 197L, 163L, 0, 1, 3L, 2L, 1L), (chain.Key, chain.ChainId, chain.EndA, chain.EndB, chain.FirstBubble, chain.BubbleCount, chain.ParentSb, chain.ParentChain, chain.Line));
        var bubble = Assert.Single(doc.Bubbles);
        Assert.Equal((BubbleGunBubbleType.Simple, 1L, 197L, 163L), (bubble.Type, bubble.Id, bubble.Source, bubble.Sink));
        Assert.Equal([179L, 311L], doc.InsideOf(bubble).ToArray());
    }

    [Fact]
    public void Writes_what_upstream_writes_and_reads_it_back()
    {
        var doc = new BubbleGunDocument(
            [new BubbleGunChain("1", 1, 197, 163, 0, 1, 3, 2, 0), new BubbleGunChain("2", 2, 5, 9, 1, 2, 0, 0, 0)],
            [new BubbleGunBubble(BubbleGunBubbleType.Simple, 1, 197, 163, 0, 2, 0),
             new BubbleGunBubble(BubbleGunBubbleType.Insertion, 2, 5, 7, 2, 1, 0),
             new BubbleGunBubble(BubbleGunBubbleType.Super, 3, 7, 9, 3, 3, 0)],
            [179, 311, 6, 8, 10, 11]);
        var ms = new MemoryStream();
        BubbleGunJsonWriter.Write(ms, doc);
        string text = Encoding.UTF8.GetString(ms.ToArray());
        // json.dumps of upstream's dict: default separators, parent fields only when non-zero.
        Assert.Equal("""{"1": {"chain_id": 1, "ends": ["197", "163"], "bubbles": [{"type": "simple", "id": 1, "ends": ["197", "163"], "inside": ["179", "311"]}], "parent_sb": 3, "parent_chain": 2}, """ +
            "\"2\": {\"chain_id\": 2, \"ends\": [\"5\", \"9\"], \"bubbles\": [{\"type\": \"insertion\", \"id\": 2, \"ends\": [\"5\", \"7\"], \"inside\": [\"6\"]}, {\"type\": \"super\", \"id\": 3, \"ends\": [\"7\", \"9\"], \"inside\": [\"8\", \"10\", \"11\"]}]}}", text);
        var back = Read(text);
        Assert.Equal(doc.Chains.Select(c => c with { Line = 1 }), back.Chains);
        Assert.Equal(doc.Bubbles.Select(b => b with { Line = 1 }), back.Bubbles);
        Assert.Equal(doc.Nodes, back.Nodes);
    }

    [Fact]
    public void Accepts_integer_ids_and_skips_unknown_fields()
    {
        var doc = Read("""{"4": {"note": {"a": [1, {"b": null}]}, "chain_id": 4, "ends": [5, 9], "bubbles": [{"type": "super", "id": 8, "ends": [5, "9"], "inside": [6, 7], "score": 0.5}]}}""");
        Assert.Equal((5L, 9L), (doc.Bubbles[0].Source, doc.Bubbles[0].Sink));
        Assert.Equal([6L, 7L], doc.InsideOf(doc.Bubbles[0]).ToArray());
    }

    [Fact]
    public void Streams_a_large_file_and_keeps_line_numbers()
    {
        // Several MiB, one bubble per line, so that tokens straddle the reader's buffer refills.
        var sb = new StringBuilder("{\n");
        const int chains = 30000;
        for (int c = 1; c <= chains; c++)
        {
            sb.Append($"\"{c}\": {{\"chain_id\": {c}, \"ends\": [\"{4 * c}\", \"{4 * c + 3}\"], \"bubbles\": [\n");
            sb.Append($"  {{\"type\": \"simple\", \"id\": {c}, \"ends\": [\"{4 * c}\", \"{4 * c + 3}\"], \"inside\": [\"{4 * c + 1}\", \"{4 * c + 2}\"]}}\n");
            sb.Append(c == chains ? "]}\n" : "]},\n");
        }
        sb.Append('}');
        var doc = Read(sb.ToString());
        Assert.Equal(chains, doc.Chains.Count);
        Assert.Equal(2L + 3 * (chains - 1), doc.Chains[^1].Line);
        Assert.Equal(3L + 3 * (chains - 1), doc.Bubbles[^1].Line);
        Assert.Equal([4L * chains + 1, 4L * chains + 2], doc.InsideOf(doc.Bubbles[^1]).ToArray());

        // A shape error near the end names its line.
        string bad = sb.ToString().Replace($"\"id\": {chains - 1},", $"\"id\": \"x\",");
        var ex = Assert.Throws<BadInputException>(() => Read(bad, "big.json"));
        Assert.Equal(("big.json", 3L + 3 * (chains - 2)), (ex.File, ex.Line));
        Assert.Contains("a bubble's id is not an integer", ex.Reason);
    }
}
