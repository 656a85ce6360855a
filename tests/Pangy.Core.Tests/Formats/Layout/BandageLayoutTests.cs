using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Layout;
using Pangy.Core.Formats.Layout.Bandage;
using static Pangy.Core.Tests.Formats.Layout.LayoutTestFiles;

namespace Pangy.Core.Tests.Formats.Layout;

public class BandageLayoutTests
{
    [Fact]
    public void Mini_bandage_is_keyed_by_the_digits_of_the_name()
    {
        LayoutTable t = BandageLayoutReader.ReadFile(MiniBandage);
        Assert.Equal(LayoutFormat.BandageJson, t.Format);
        Assert.Equal(LayoutKind.ById, t.Kind);
        Assert.Equal(6, t.Count);
        Assert.True(t.TryGetById(1, out SegmentCoords one));
        Assert.Equal(new SegmentCoords(0, 0, 10, 10), one);
        Assert.True(t.TryGetById(6, out SegmentCoords six));
        Assert.Equal(new SegmentCoords(100, 100, 110, 110), six);
        Assert.False(t.TryGetById(7, out _));
        Assert.Equal([1L, 2, 3, 4, 5, 6], t.EnumerateById().Select(e => e.Key));
    }

    [Fact]
    public void Real_bandage_takes_first_and_last_point_of_each_polyline()
    {
        LayoutTable t = BandageLayoutReader.ReadFile(RealBandage);
        Assert.Equal(3, t.Count);
        Assert.True(t.TryGetById(1, out SegmentCoords one));
        Assert.Equal(new SegmentCoords(433.3237358074938, 310.7790040045748, 424.49001689169654, 239.02699086701784), one);
        Assert.True(t.TryGetById(2, out SegmentCoords two));
        Assert.Equal(new SegmentCoords(317.1136235454968, 68.73027743608631, 247.50629407751222, 119.85432873737321), two);
        Assert.True(t.TryGetById(3, out SegmentCoords three));
        Assert.Equal(new SegmentCoords(181.98279517135452, 142.42058179465408, 107.14004304527509, 118.72774228658908), three);
        Assert.Throws<InvalidOperationException>(() => t.GetPositional(0));
    }

    [Fact]
    public void Ids_are_all_digits_concatenated_and_later_names_win()
    {
        const string json = """
            {
              "chr1_5": [[1, 1], [2, 2]],
              "12+": [[3, 3], [4, 4]],
              "12-": [[5, 5], [6, 6], [7, 7]],
              "007": [[8, 8]],
              "x٣": [[9, 9], [10, 10]]
            }
            """;
        LayoutTable t = BandageLayoutReader.Read(Bytes(json), "ids.layout");
        Assert.Equal([15L, 12, 7, 3], t.EnumerateById().Select(e => e.Key));
        Assert.True(t.TryGetById(15, out var c15));
        Assert.Equal(new SegmentCoords(1, 1, 2, 2), c15);
        Assert.True(t.TryGetById(12, out var c12));
        Assert.Equal(new SegmentCoords(5, 5, 7, 7), c12);
        Assert.True(t.TryGetById(7, out var c7));
        Assert.Equal(new SegmentCoords(8, 8, 8, 8), c7);
        Assert.True(t.TryGetById(3, out var c3)); // Arabic-Indic three: a decimal digit for Python's isdigit() and int()
        Assert.Equal(new SegmentCoords(9, 9, 10, 10), c3);
    }

    [Fact]
    public void Empty_values_are_skipped_and_a_repeated_name_keeps_its_first_place()
    {
        // As Python's dict: "5+" is first in order but holds its last value; an empty value skips the node without
        // removing what an earlier name gave the same id.
        const string json = """
            {"5+": [[1, 1], [2, 2]], "6+": [[3, 3], [4, 4]], "6-": [], "7+": null, "8+": {}, "9+": 0, "10+": "",
             "11+": false, "5+": [[9, 9], [9.5, 9.5]], "no digits": []}
            """;
        LayoutTable t = BandageLayoutReader.Read(Bytes(json), "x.layout");
        Assert.Equal([5L, 6], t.EnumerateById().Select(e => e.Key));
        Assert.True(t.TryGetById(5, out var c5));
        Assert.Equal(new SegmentCoords(9, 9, 9.5, 9.5), c5);
        Assert.True(t.TryGetById(6, out var c6));
        Assert.Equal(new SegmentCoords(3, 3, 4, 4), c6);
    }

    [Fact]
    public void Coordinates_may_be_numeric_strings_and_extra_values_in_a_point_are_ignored()
    {
        LayoutTable t = BandageLayoutReader.Read(Bytes("""{"1": [["1.5", "2.5", 99], [3, "4e1", "x"]]}"""), "x.layout");
        Assert.True(t.TryGetById(1, out var c));
        Assert.Equal(new SegmentCoords(1.5, 2.5, 3, 40), c);
    }

    [Fact]
    public void Large_layout_through_tiny_reads_matches_one_big_read()
    {
        var sb = new StringBuilder("{");
        for (int i = 1; i <= 20_000; i++)
            sb.Append(i == 1 ? "" : ",").Append("\n  \"").Append(i).Append("+\": [[").Append(i * 0.5).Append(", ").Append(-i)
              .Append("], [0, 0], [").Append(i + 0.25).Append(", ").Append(i * 3).Append("]]");
        sb.Append(new string(' ', 70_000)).Append("\n}");
        byte[] data = Encoding.UTF8.GetBytes(sb.ToString());
        foreach (Stream s in new Stream[] { new MemoryStream(data), new TrickleStream(data, 1, 3, 4099, 65_537) })
        {
            LayoutTable t = BandageLayoutReader.Read(s, "big.layout");
            Assert.Equal(20_000, t.Count);
            Assert.True(t.TryGetById(12_345, out var c));
            Assert.Equal(new SegmentCoords(6172.5, -12_345, 12_345.25, 37_035), c);
        }
    }

    [Fact]
    public void A_long_name_larger_than_the_buffer_is_read()
    {
        string name = new string('a', 200_000) + "42";
        LayoutTable t = BandageLayoutReader.Read(new TrickleStream(Encoding.UTF8.GetBytes($"{{\"{name}\": [[1, 2]]}}"), 50_000), "x.layout");
        Assert.True(t.TryGetById(42, out _));
    }

    [Theory]
    [InlineData("{\n  \"1+\": [[1, 2]],\n  \"2+\": [[3, 4]]\n  \"3+\": []\n}", 4, "not valid JSON")]
    [InlineData("{\n  \"1+\": [[1, 2]],\n", 3, "not valid JSON")]
    [InlineData("[\n  [1, 2]\n]", 1, "a Bandage layout is a JSON object")]
    [InlineData("{\n \"1+\": [[1, 2]],\n \"2+\": [[3]]\n}", 3, "a point needs two coordinates")]
    [InlineData("{\n \"1+\": [[1, 2], 5]\n}", 2, "each point of a polyline must be a list")]
    [InlineData("{\n \"1+\": [[1, \"abc\"]]\n}", 2, "a coordinate is not a finite number: 'abc'")]
    [InlineData("{\n \"1+\": [[1, true]]\n}", 2, "a coordinate must be a number")]
    [InlineData("{\n \"1+\": [[1, 1e400]]\n}", 2, "a coordinate is not a finite number")]
    [InlineData("{\n \"1+\": 5\n}", 2, "a node's value must be a list")]
    [InlineData("{\n \"1+\": {\"x\": 1}\n}", 2, "not an object")]
    [InlineData("{\n\n \"node\": [[1, 2]]\n}", 3, "has no digits")]
    [InlineData("{\"n²\": [[1, 2]]}", 1, "not a decimal digit")]
    [InlineData("{\"99999999999999999999\": [[1, 2]]}", 1, "too large")]
    [InlineData("{\"1\": [[1, 2]]} {}", 1, "not valid JSON")]
    public void Bad_layouts_name_file_and_line(string json, int? line, string reason)
    {
        var e = Assert.Throws<BadInputException>(() => BandageLayoutReader.Read(Bytes(json), "bad.layout"));
        Assert.Equal("bad.layout", e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Line_numbers_count_across_buffers()
    {
        var sb = new StringBuilder("{");
        for (int i = 1; i <= 30_000; i++) sb.Append("\n\"").Append(i).Append("\": [[1, 2]],");
        sb.Append("\n\"x\": [[1]]\n}");
        var e = Assert.Throws<BadInputException>(() => BandageLayoutReader.Read(new TrickleStream(Encoding.UTF8.GetBytes(sb.ToString()), 10_007), "long.layout"));
        Assert.Equal(30_002, e.Line);
    }

    [Fact]
    public void Empty_file_is_bad_input()
    {
        var e = Assert.Throws<BadInputException>(() => BandageLayoutReader.Read(new MemoryStream(), "empty.layout"));
        Assert.Null(e.Line);
        Assert.Contains("empty file", e.Reason);
    }

    [Fact]
    public void Writer_output_is_what_pythons_json_dumps_indent_4_gives()
    {
        // Expected text made by CPython: json.dumps({"1+": [[0.0, 0.0], [10.5, -3.25]], "7+": [[1e-05, 1e+16]]}, indent=4)
        const string expected = "{\n    \"1+\": [\n        [\n            0.0,\n            0.0\n        ],\n        [\n            10.5,\n" +
                                "            -3.25\n        ]\n    ],\n    \"7+\": [\n        [\n            1e-05,\n            1e+16\n        ]\n    ]\n}";
        var ms = new MemoryStream();
        BandageLayoutWriter.Write(ms,
        [
            new BandageNode(1, [new LayoutPoint(0, 0), new LayoutPoint(10.5, -3.25)]),
            new BandageNode(3, []),
            new BandageNode(7, [new LayoutPoint(1e-5, 1e16)]),
        ]);
        Assert.Equal(expected, Encoding.UTF8.GetString(ms.ToArray()));
    }

    [Fact]
    public void Writer_with_no_points_writes_an_empty_object()
    {
        var ms = new MemoryStream();
        BandageLayoutWriter.Write(ms, [new BandageNode(1, [])]);
        Assert.Equal("{}", Encoding.UTF8.GetString(ms.ToArray()));
    }

    [Fact]
    public void Writer_refuses_duplicate_ids_and_non_finite_points()
    {
        Assert.Throws<ArgumentException>(() => BandageLayoutWriter.Write(new MemoryStream(),
            [new BandageNode(1, [new LayoutPoint(0, 0)]), new BandageNode(1, [new LayoutPoint(1, 1)])]));
        Assert.Throws<ArgumentException>(() => BandageLayoutWriter.Write(new MemoryStream(),
            [new BandageNode(1, [new LayoutPoint(0, double.PositiveInfinity)])]));
    }

    [Fact]
    public void Writer_then_reader_round_trips_endpoints_exactly()
    {
        var random = new Random(5);
        var nodes = new List<BandageNode>();
        for (int i = 0; i < 5_000; i++)
        {
            var points = new List<LayoutPoint>();
            int n = 1 + random.Next(5);
            for (int j = 0; j < n; j++)
                points.Add(new LayoutPoint((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 18)), random.NextDouble() * 1e4));
            nodes.Add(new BandageNode(i * 7 + 1, points));
        }
        var ms = new MemoryStream();
        BandageLayoutWriter.Write(ms, nodes);

        LayoutTable t = LayoutReader.Read(new MemoryStream(ms.ToArray()), "round.layout");
        Assert.Equal(LayoutFormat.BandageJson, t.Format);
        Assert.Equal(nodes.Count, t.Count);
        foreach (BandageNode node in nodes)
        {
            Assert.True(t.TryGetById(node.SegmentId, out var c));
            Assert.Equal(new SegmentCoords(node.Points[0].X, node.Points[0].Y, node.Points[^1].X, node.Points[^1].Y), c);
        }
    }
}
