using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pangy.Query.Tests;

/// <summary>
/// An export never loses what the input said: every <c>/gfa</c> and <c>/layout</c> export of the bundled DRB1 graph
/// (the whole graph, and single bubbles along it) keeps each path's name as the input GFA had it (within the
/// reference's <c>{name}#{hap}#{contig}</c>, so <c>gi|157702218:147985-163915#0#gi|157702218</c>), each segment's
/// sequence and each link's orientations, checked against the input GFA read here independently of Pangy.
/// </summary>
[Collection(QueryCollection.Name)]
public sealed partial class ExportFidelityTests(QueryFixture f)
{
    private static readonly InputGfa Input = InputGfa.Load(TestData.Path("drb1", "DRB1-3123.gfa"));

    [Fact]
    public async Task Whole_graph_gfa_export_is_the_input_graph()
    {
        var export = ExportedGfa.Parse(await Post("/gfa", Input.Segments.Keys.ToArray(), []));
        AssertWholeGraph(export);
    }

    [Fact]
    public async Task Whole_graph_layout_export_holds_the_input_graph_under_compacted_ids()
    {
        using var zip = new ZipArchive(new MemoryStream(await Post("/layout", Input.Segments.Keys.ToArray(), [])));
        using var reader = new StreamReader(zip.GetEntry("DRB1_export.gfa")!.Open());
        AssertWholeGraph(ExportedGfa.Parse(Encoding.UTF8.GetBytes(reader.ReadToEnd())));
    }

    [Fact]
    public async Task Every_bubble_export_keeps_names_sequences_and_orientations()
    {
        // Every 25th bubble, both exports: the runs of each path inside the selection, under the input's names.
        int checkedRuns = 0;
        foreach (var bubble in f.Bubbles.Where((_, i) => i % 25 == 0))
        {
            var gfa = ExportedGfa.Parse(await Post("/gfa", [], [bubble.Id]));
            using var zip = new ZipArchive(new MemoryStream(await Post("/layout", [], [bubble.Id])));
            using var reader = new StreamReader(zip.GetEntry("DRB1_export.gfa")!.Open());
            var layout = ExportedGfa.Parse(Encoding.UTF8.GetBytes(reader.ReadToEnd()));
            foreach (var export in new[] { gfa, layout })
            {
                Assert.NotEmpty(export.Segments);
                foreach (var (id, seq) in export.Segments) Assert.Equal(Input.Segments[id], seq);
                Assert.Subset(Input.Links, export.Links.ToHashSet());
                Assert.NotEmpty(export.Paths);
                foreach (var (name, steps) in export.Paths)
                {
                    string inputName = Assert.Single(Input.Paths.Keys, n => name == ExpectedName(n));
                    Assert.True(IsContiguousPart(Input.Paths[inputName], steps), $"{name}: a run that is not part of the input path");
                    checkedRuns++;
                }
            }
            Assert.Equal(gfa.Segments.OrderBy(x => x.Key), layout.Segments.OrderBy(x => x.Key));
            Assert.Equal(gfa.Links.Order(), layout.Links.Order());
            Assert.Equal(gfa.Paths.Select(p => p.Name + "\t" + string.Join(',', p.Steps)), layout.Paths.Select(p => p.Name + "\t" + string.Join(',', p.Steps)));
        }
        Assert.True(checkedRuns > 100, $"only {checkedRuns} path runs checked");
    }

    private static void AssertWholeGraph(ExportedGfa export)
    {
        Assert.Equal(Input.Segments.OrderBy(x => x.Key), export.Segments.OrderBy(x => x.Key));
        Assert.Equal(Input.Links.Order(), export.Links.Order());
        var expected = Input.Paths.ToDictionary(p => ExpectedName(p.Key), p => p.Value);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), export.Paths.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var (name, steps) in export.Paths) Assert.Equal(expected[name], steps);
        Assert.Contains(export.Paths, p => p.Name == "gi|157702218:147985-163915#0#gi|157702218");
    }

    /// <summary>The reference's export name of an input P line without PanSN parts: the name, hap 0, the contig (§1.3: the name less its <c>:start-end</c>).</summary>
    private static string ExpectedName(string inputName) => $"{inputName}#0#{CoordinateSuffix().Replace(inputName, "")}";

    private static bool IsContiguousPart(List<string> path, List<string> run)
    {
        for (int i = 0; i + run.Count <= path.Count; i++)
            if (path.Skip(i).Take(run.Count).SequenceEqual(run)) return true;
        return false;
    }

    private async Task<byte[]> Post(string route, int[] segmentIds, int[] bubbleIds)
    {
        string body = JsonSerializer.Serialize(new { genome = TestData.Drb1Ref, chromosome = TestData.Chrom, segment_ids = segmentIds, bubble_ids = bubbleIds });
        using var resp = await f.Client.PostAsync(route, new StringContent(body, Encoding.UTF8, "application/json"));
        byte[] bytes = await resp.Content.ReadAsByteArrayAsync();
        Assert.True(resp.StatusCode == HttpStatusCode.OK, $"{route}: {(int)resp.StatusCode} {Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(300, bytes.Length)))}");
        return bytes;
    }

    [GeneratedRegex(@":\d+-\d+$")]
    private static partial Regex CoordinateSuffix();

    /// <summary>The input GFA's segments, links (with orientations) and paths (steps as written, <c>18+</c>).</summary>
    private sealed record InputGfa(Dictionary<int, string> Segments, HashSet<(int, char, int, char)> Links, Dictionary<string, List<string>> Paths)
    {
        public static InputGfa Load(string file)
        {
            var g = new InputGfa([], [], new Dictionary<string, List<string>>(StringComparer.Ordinal));
            foreach (var line in File.ReadLines(file))
            {
                var c = line.Split('\t');
                switch (c[0])
                {
                    case "S": g.Segments.Add(int.Parse(c[1]), c[2]); break;
                    case "L": g.Links.Add((int.Parse(c[1]), c[2][0], int.Parse(c[3]), c[4][0])); break;
                    case "P": g.Paths.Add(c[1], [.. c[2].Split(',')]); break;
                }
            }
            return g;
        }
    }

    /// <summary>An exported GFA with ids mapped back to the input's (through <c>ON:i:</c> when compacted).</summary>
    private sealed record ExportedGfa(Dictionary<int, string> Segments, List<(int, char, int, char)> Links, List<(string Name, List<string> Steps)> Paths)
    {
        public static ExportedGfa Parse(byte[] bytes)
        {
            var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
            var original = new Dictionary<int, int>();
            foreach (var c in lines.Where(c => c[0] == "S"))
                original[int.Parse(c[1])] = c.FirstOrDefault(t => t.StartsWith("ON:i:", StringComparison.Ordinal)) is { } on ? int.Parse(on[5..]) : int.Parse(c[1]);
            int Id(string s) => original[int.Parse(s)];
            var g = new ExportedGfa([], [], []);
            foreach (var c in lines)
            {
                switch (c[0])
                {
                    case "S": g.Segments.Add(Id(c[1]), c[2]); break;
                    case "L": g.Links.Add((Id(c[1]), c[2][0], Id(c[3]), c[4][0])); break;
                    case "P": g.Paths.Add((c[1], c[2].Split(',').Select(s => Id(s[..^1]) + s[^1..]).ToList())); break;
                }
            }
            return g;
        }
    }
}
