using System.IO.Compression;
using System.Text;
using Pangy.Core.Bubbles;
using Pangy.Core.Formats;

namespace Pangy.Core.Tests.Bubbles;

/// <summary>
/// The stage's BubbleGun import on the mini_bubble graph (1→{2,3}→4→{5,6}→7), and every bad input: each gives a
/// <see cref="BadInputException"/> naming file, line and reason, and publishes nothing.
/// </summary>
public sealed class BubbleStageInputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pangy-bubble-inputs").FullName;
    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string MiniDir(string name)
    {
        string dir = Path.Combine(_root, name);
        TestGraphs.BuildChromosome(dir, TestGraphs.Data("mini", "mini_bubble.gfa"), TestGraphs.Data("mini", "mini_bubble.odgi.tsv"), "GRCh38");
        return dir;
    }

    private string Json(string text, string name = "bubbles.json")
    {
        string path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string GoodJson = """
        {"1": {"chain_id": 1, "ends": ["7", "1"], "bubbles": [
          {"type": "simple", "id": 1, "ends": ["7", "4"], "inside": ["5", "6"]},
          {"type": "simple", "id": 2, "ends": ["4", "1"], "inside": ["2", "3"]}]}}
        """;

    private static void AssertNothingPublished(string dir)
    {
        Assert.False(File.Exists(Path.Combine(dir, "bubbles.db")));
        Assert.False(Directory.Exists(Path.Combine(dir, "bubbles.mmapindex")));
        Assert.Empty(Directory.GetFileSystemEntries(dir, "*.partial"));
    }

    private BadInputException Rejects(string json, string expectedReason, long? expectedLine)
    {
        string dir = MiniDir(Guid.NewGuid().ToString("N"));
        string path = Json(json, Path.GetFileName(dir) + ".json");
        var ex = Assert.Throws<BadInputException>(() => BubbleStage.Run(dir, path));
        Assert.Equal(Path.GetFileName(path), ex.File);
        Assert.Contains(expectedReason, ex.Reason);
        Assert.Equal(expectedLine, ex.Line);
        AssertNothingPublished(dir);
        return ex;
    }

    [Fact]
    public void An_upstream_style_file_imports_to_the_native_result()
    {
        string native = MiniDir("native");
        BubbleStage.Run(native);
        // As upstream writes it: hash-order ids, a chain key that is not 1, the walk listed from the other end, the
        // second bubble's ends reversed, a mislabelled type, and no newlines.
        string imported = MiniDir("imported");
        string path = Json("""{"9": {"chain_id": 9, "ends": ["1", "7"], "bubbles": [{"type": "super", "id": 17, "ends": ["1", "4"], "inside": ["3", "2"]}, {"type": "simple", "id": 5, "ends": ["4", "7"], "inside": ["6", "5"]}]}}""");
        var result = BubbleStage.Run(imported, path);
        Assert.Equal((2, 2, 1), (result.Bubbles, result.Simple, result.Chains));
        Assert.Equal(File.ReadAllBytes(Path.Combine(native, "bubbles.db")), File.ReadAllBytes(Path.Combine(imported, "bubbles.db")));
    }

    [Fact]
    public void A_gzip_file_is_read()
    {
        string dir = MiniDir("gz");
        string path = Path.Combine(_root, "bubbles.json.gz");
        using (var fs = File.Create(path))
        using (var gz = new GZipStream(fs, CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes(GoodJson));
        Assert.Equal(2, BubbleStage.Run(dir, path).Bubbles);
    }

    [Theory]
    [InlineData("[1, 2, 3]", "expected a JSON object of chains", 1L)]
    [InlineData("{\"1\": [1, 2]}", "chain \"1\" is not an object", 1L)]
    [InlineData("{\"1\": {\"chain_id\": 1, \"ends\": [\"7\", \"1\"]}}", "chain \"1\" has no bubbles list", 1L)]
    [InlineData("{\"1\": {\"chain_id\": 1, \"ends\": [\"7\", \"1\"],\n \"bubbles\": [\n{\"type\": \"simple\", \"id\": 1, \"ends\": [\"7\", \"4\", \"1\"], \"inside\": [\"5\"]}]}}", "a bubble's ends: 3 nodes where 2 are needed", 3L)]
    [InlineData("{\"1\": {\"chain_id\": 1, \"ends\": [\"7\", \"1\"], \"bubbles\": [\n\n{\"type\": \"bubbly\", \"id\": 1, \"ends\": [\"7\", \"4\"], \"inside\": [\"5\", \"6\"]}]}}", "bubble type \"bubbly\"", 3L)]
    [InlineData("{\"1\": {\"chain_id\": 1, \"ends\": [\"7\", \"1\"], \"bubbles\": [{\"type\": \"simple\", \"ends\": [\"7\", \"4\"], \"inside\": [\"5\", \"6\"]}]}}", "a bubble has no id", 1L)]
    [InlineData("{\"1\": {\"chain_id\": 1, \"ends\": [\"7\", \"1\"], \"bubbles\": [{\"type\": \"simple\", \"id\": 1, \"ends\": [\"seven\", \"4\"], \"inside\": [\"5\", \"6\"]}]}}", "node id \"seven\" is not an integer", 1L)]
    [InlineData("{\"1\": {\"chain_id\": 1, \"ends\": [\"7\", \"1\"],\n\"bubbles\": [{\"type\": \"simple\"", "not valid JSON", 2L)]
    [InlineData("{\"chain_id\": 1, \"ends\": [\"7\", \"1\"], \"bubbles\": []}\n{\"chain_id\": 2, \"ends\": [\"4\", \"1\"], \"bubbles\": []}", "chain \"chain_id\" is not an object", 1L)]
    public void Json_not_in_BubbleGun_shape_is_rejected(string json, string reason, long line) => Rejects(json, reason, line);

    [Fact]
    public void An_empty_file_is_rejected() => Rejects("", "empty file", null);

    [Fact]
    public void An_unknown_segment_is_rejected() => Rejects("""
        {"1": {"chain_id": 1, "ends": ["7", "1"], "bubbles": [
          {"type": "simple", "id": 1, "ends": ["7", "4"], "inside": ["5", "6"]},
          {"type": "simple", "id": 2, "ends": ["4", "1"], "inside": ["2", "99"]}]}}
        """, "bubble 2: inside names segment 99, which is not in the graph", 3L);

    [Fact]
    public void An_unknown_chain_end_is_rejected() =>
        Rejects("""{"1": {"chain_id": 1, "ends": ["70", "1"], "bubbles": [{"type": "simple", "id": 1, "ends": ["7", "4"], "inside": ["5", "6"]}]}}""",
            "chain 1: end names segment 70", 1L);

    [Fact]
    public void A_bubble_listed_twice_is_rejected()
    {
        Rejects("""
            {"1": {"chain_id": 1, "ends": ["7", "4"], "bubbles": [{"type": "simple", "id": 1, "ends": ["7", "4"], "inside": ["5", "6"]}]},
             "2": {"chain_id": 2, "ends": ["4", "1"], "bubbles": [{"type": "simple", "id": 1, "ends": ["4", "1"], "inside": ["2", "3"]}]}}
            """, "bubble 1 is listed twice (first at line 1)", 2L);
        Rejects("""
            {"1": {"chain_id": 1, "ends": ["7", "4"], "bubbles": [{"type": "simple", "id": 1, "ends": ["7", "4"], "inside": ["5", "6"]}]},
             "2": {"chain_id": 2, "ends": ["4", "7"], "bubbles": [{"type": "simple", "id": 2, "ends": ["4", "7"], "inside": ["5", "6"]}]}}
            """, "bubble 2 has the same ends as bubble 1 (line 1): a bubble listed twice", 2L);
    }

    [Fact]
    public void A_bubble_whose_ends_are_not_linked_to_its_interior_is_rejected()
    {
        Rejects("""{"1": {"chain_id": 1, "ends": ["7", "1"], "bubbles": [{"type": "simple", "id": 1, "ends": ["1", "4"], "inside": ["5", "6"]}]}}""",
            "bubble 1: its source 1 is not linked to any segment of the bubble's interior", 1L);
        // An interior that leaks out of the bubble: 2 and 3 are linked to 1, which is not an end here.
        Rejects("""{"1": {"chain_id": 1, "ends": ["7", "4"], "bubbles": [{"type": "simple", "id": 1, "ends": ["7", "4"], "inside": ["5", "6", "2", "3"]}]}}""",
            "interior segment 2 is linked to segment 1, which is outside the bubble", 1L);
        Rejects("""{"1": {"chain_id": 1, "ends": ["7", "4"], "bubbles": [{"type": "simple", "id": 1, "ends": ["4", "4"], "inside": ["5", "6"]}]}}""",
            "source and sink are the same segment 4", 1L);
        Rejects("""{"1": {"chain_id": 1, "ends": ["7", "4"], "bubbles": [{"type": "simple", "id": 1, "ends": ["7", "4"], "inside": []}]}}""",
            "bubble 1 has an empty interior", 1L);
    }

    [Fact]
    public void A_failed_import_leaves_an_earlier_result_in_place()
    {
        string dir = MiniDir("earlier");
        BubbleStage.Run(dir);
        var before = File.ReadAllBytes(Path.Combine(dir, "bubbles.db"));
        string path = Json("""{"1": {"chain_id": 1, "ends": ["7", "4"], "bubbles": [{"type": "simple", "id": 1, "ends": ["7", "4"], "inside": ["5", "600"]}]}}""", "bad.json");
        Assert.Throws<BadInputException>(() => BubbleStage.Run(dir, path));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir, "bubbles.db")));
        Assert.True(File.Exists(Path.Combine(dir, "bubbles.mmapindex", "meta.json")));
        Assert.Empty(Directory.GetFileSystemEntries(dir, "*.partial"));
    }

    [Fact]
    public void A_cycle_of_unitigs_is_rejected()
    {
        // A bubble 1→{2,3}→4 and, apart from it, the circle 10→11→12→10 in which every segment has one neighbour per
        // side: it has no ends, so it can neither be contracted nor hold a bubble (the reference raises
        // NotImplementedError). The stage names a segment of the cycle and publishes nothing.
        string dir = Path.Combine(_root, "cycle");
        TestGraphs.BuildChromosomeFromText(dir,
            "S\t1\tA\nS\t2\tA\nS\t3\tA\nS\t4\tA\nS\t10\tA\nS\t11\tA\nS\t12\tA\n" +
            "L\t1\t+\t2\t+\t0M\nL\t1\t+\t3\t+\t0M\nL\t2\t+\t4\t+\t0M\nL\t3\t+\t4\t+\t0M\n" +
            "L\t10\t+\t11\t+\t0M\nL\t11\t+\t12\t-\t0M\nL\t12\t-\t10\t+\t0M\nP\tref\t1+,2+,4+\t*\n");
        var ex = Assert.Throws<BadInputException>(() => BubbleStage.Run(dir));
        Assert.Equal("links.mmapindex", ex.File);
        Assert.Null(ex.Line);
        Assert.Contains("segment 10 lies on a cycle of unitigs", ex.Reason);
        AssertNothingPublished(dir);
    }

    [Fact]
    public void A_self_loop_is_not_a_cycle_of_unitigs()
    {
        // 5+ 5+ closes a segment on itself: it is never contracted, and the bubble beside it is found.
        string dir = Path.Combine(_root, "selfloop");
        TestGraphs.BuildChromosomeFromText(dir,
            "S\t1\tA\nS\t2\tA\nS\t3\tA\nS\t4\tA\nS\t5\tA\n" +
            "L\t1\t+\t2\t+\t0M\nL\t1\t+\t3\t+\t0M\nL\t2\t+\t4\t+\t0M\nL\t3\t+\t4\t+\t0M\nL\t5\t+\t5\t+\t0M\nP\tref\t1+,2+,4+\t*\n");
        Assert.Equal(1, BubbleStage.Run(dir).Bubbles);
    }

    [Fact]
    public void A_missing_input_file_is_reported()
    {
        string dir = MiniDir("missing");
        File.Delete(Path.Combine(dir, "links.mmapindex", "to_ids.npy"));
        var ex = Assert.Throws<BadInputException>(() => BubbleStage.Run(dir));
        Assert.EndsWith("to_ids.npy", ex.File);
        AssertNothingPublished(dir);
    }

    [Fact]
    public void A_graph_without_bubbles_gives_empty_outputs()
    {
        string dir = Path.Combine(_root, "linear");
        TestGraphs.BuildChromosomeFromText(dir, "S\t1\tA\nS\t2\tC\nS\t3\tG\nL\t1\t+\t2\t+\t0M\nL\t2\t+\t3\t+\t0M\nP\tref\t1+,2+,3+\t*\n");
        var result = BubbleStage.Run(dir);
        Assert.Equal((0, 0, 2), (result.Bubbles, result.Chains, result.CompactedSegments));
        Assert.Empty(BubbleDbRow.ReadAll(Path.Combine(dir, "bubbles.db")));
        string index = Path.Combine(dir, "bubbles.mmapindex");
        Assert.Equal($"{{\"version\": \"{PangyVersion.Current}\", \"num_bubbles\": 0}}", File.ReadAllText(Path.Combine(index, "meta.json")));
        Assert.Empty(Pangy.Core.Formats.Npy.NpyArray<uint>.ReadAll(Path.Combine(index, "ids.npy")));
        Assert.Equal(4, Pangy.Core.Formats.Npy.NpyArray<uint>.ReadAll(Path.Combine(index, "segment_to_bubble.npy")).Length);
    }

    [Fact]
    public void Inputs_that_name_unknown_segments_are_rejected()
    {
        var ex = Assert.Throws<BadInputException>(() => TestGraphs.Input("S\t1\tA\nS\t2\tC\nL\t1\t+\t3\t-\t0M\n"));
        Assert.Equal(("links", "link 1+3- names unknown segment 3"), (ex.File, ex.Reason));
        ex = Assert.Throws<BadInputException>(() => TestGraphs.Input("S\t1\tA\nS\t2\tC\nP\tref\t1+,4+\t*\n", "ref"));
        Assert.Equal(("steps", "reference step names unknown segment 4"), (ex.File, ex.Reason));
        ex = Assert.Throws<BadInputException>(() => TestGraphs.Input("S\t1\tA\nS\t1\tC\n"));
        Assert.Equal("segment id 1 appears twice", ex.Reason);
    }

    [Fact]
    public void Node_names_of_a_renumbered_graph_are_resolved()
    {
        // Names that are not integers make the build renumber the segments (decision 5); BubbleGun writes the names.
        const string gfa = "S\tsA\tACGT\nS\tsB\tTTTT\nS\tsC\tCCCC\nS\tsD\tGGGG\nS\tsE\tAAAA\nS\tsF\tTTTT\nS\tsG\tCCCC\n" +
            "L\tsA\t+\tsB\t+\t0M\nL\tsA\t+\tsC\t+\t0M\nL\tsB\t+\tsD\t+\t0M\nL\tsC\t+\tsD\t+\t0M\n" +
            "L\tsD\t+\tsE\t+\t0M\nL\tsD\t+\tsF\t+\t0M\nL\tsE\t+\tsG\t+\t0M\nL\tsF\t+\tsG\t+\t0M\n" +
            "P\tref\tsA+,sB+,sD+,sE+,sG+\t*\n";
        string native = Path.Combine(_root, "named-native");
        TestGraphs.BuildChromosomeFromText(native, gfa);
        BubbleStage.Run(native);

        string imported = Path.Combine(_root, "named-imported");
        TestGraphs.BuildChromosomeFromText(imported, gfa);
        var result = BubbleStage.Run(imported, Json("""
            {"1": {"chain_id": 1, "ends": ["sG", "sA"], "bubbles": [
              {"type": "simple", "id": 1, "ends": ["sG", "sD"], "inside": ["sE", "sF"]},
              {"type": "simple", "id": 2, "ends": ["sD", "sA"], "inside": ["sB", "sC"]}]}}
            """, "named.json"));
        Assert.Equal(2, result.Bubbles);
        Assert.Equal(File.ReadAllBytes(Path.Combine(native, "bubbles.db")), File.ReadAllBytes(Path.Combine(imported, "bubbles.db")));

        string bad = Path.Combine(_root, "named-bad");
        TestGraphs.BuildChromosomeFromText(bad, gfa);
        var ex = Assert.Throws<BadInputException>(() => BubbleStage.Run(bad, Json("""
            {"1": {"chain_id": 1, "ends": ["sG", "sD"], "bubbles": [
              {"type": "simple", "id": 1, "ends": ["sG", "sD"], "inside": ["sE", "7"]}]}}
            """, "named-bad.json")));
        Assert.Equal(("named-bad.json", 2L), (ex.File, ex.Line));
        Assert.Contains("names segment \"7\", which is not in the graph", ex.Reason);
        AssertNothingPublished(bad);
    }
}
