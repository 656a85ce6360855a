using Microsoft.Data.Sqlite;
using Pangy.Core.Build;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.PathIndex;

namespace Pangy.Core.Tests.Build;

public class MiniBuildTests
{
    private static ChromosomeBuildResult Build(TempDir tmp, string gfa, string layout, string reference, long offset = 0, string? path = null) =>
        ChromosomeBuilder.BuildAsync(InputFile.FromPath(gfa), InputFile.FromPath(layout),
            new ChromosomeBuildOptions { Reference = reference, Offset = offset, PathMatch = path }, tmp["chr"]).GetAwaiter().GetResult();

    private static List<(long Step, long Seg, long Start, long End)> Steps(string dir)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(dir, "step_index.db")};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT step, seg_id, start, end FROM step_index ORDER BY step";
        using var r = cmd.ExecuteReader();
        var list = new List<(long, long, long, long)>();
        while (r.Read()) list.Add((r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
        return list;
    }

    [Fact]
    public void P_lines_build()
    {
        using var tmp = new TempDir();
        var r = Build(tmp, TestData.Path("mini", "mini_p.gfa"), TestData.Path("mini", "mini.odgi.tsv"), "GRCh38");
        Assert.Equal((6, 6, 2, 2, 4), (r.Segments, r.Links, r.Paths, r.Samples, r.ReferenceSteps));
        Assert.Equal([(0, 1, 1, 4), (1, 2, 5, 8), (2, 4, 9, 12), (3, 5, 13, 16)], Steps(tmp["chr"]));
        var index = PathIndexDocument.ReadFile(Path.Combine(tmp["chr"], "paths", "index.json"));
        Assert.Equal(["GRCh38#0", "HG001#1"], index.Samples.Select(s => s.Key));
        Assert.Equal("{\"version\":\"" + PangyVersion.Current + "\",\"paths\":{\"GRCh38#0\":[{\"file\":\"GRCh38#0__1.binpath\",\"full_id\":\"GRCh38#0#chr1\",\"contig\":\"chr1\",\"start\":0,\"length\":null,\"is_ref\":true}]," +
                     "\"HG001#1\":[{\"file\":\"HG001#1__1.binpath\",\"full_id\":\"HG001#1#chr1\",\"contig\":\"chr1\",\"start\":0,\"length\":null,\"is_ref\":false}]}}",
            File.ReadAllText(Path.Combine(tmp["chr"], "paths", "index.json")));
        Assert.Equal(["1+", "3+", "4+", "6+"], BinPathReader.ReadFile(Path.Combine(tmp["chr"], "paths", "HG001#1__1.binpath")).Select(PathStep.ToText));
    }

    [Fact]
    public void W_lines_build_with_a_numeric_start_which_the_reference_crashes_on()
    {
        using var tmp = new TempDir();
        var r = Build(tmp, TestData.Path("mini", "mini_w.gfa"), TestData.Path("mini", "mini.odgi.tsv"), "GRCh38");
        Assert.Equal((6, 6, 2, 2, 4), (r.Segments, r.Links, r.Paths, r.Samples, r.ReferenceSteps));
        Assert.Equal([(0, 1001, 1, 4), (1, 1002, 5, 8), (2, 1004, 9, 12), (3, 1005, 13, 16)], Steps(tmp["chr"]));
        var json = File.ReadAllText(Path.Combine(tmp["chr"], "paths", "index.json"));
        Assert.Contains("\"GRCh38#0\":[{\"file\":\"GRCh38#0__1.binpath\",\"full_id\":\"GRCh38\",\"contig\":\"chr1\",\"start\":\"0\"", json);
        Assert.Equal(["1001+", "1003+", "1004+", "1006+"], BinPathReader.ReadFile(Path.Combine(tmp["chr"], "paths", "HG001#1__1.binpath")).Select(PathStep.ToText));
    }

    [Fact]
    public void Offset_replaces_the_parsed_start()
    {
        using var tmp = new TempDir();
        Build(tmp, TestData.Path("mini", "mini_w.gfa"), TestData.Path("mini", "mini.odgi.tsv"), "GRCh38", offset: 1000);
        Assert.Equal(1001, Steps(tmp["chr"])[0].Start);
        Assert.Contains("\"start\":1000", File.ReadAllText(Path.Combine(tmp["chr"], "paths", "index.json")));
    }

    [Fact]
    public void Path_option_selects_the_reference_while_ref_keys_the_step_index()
    {
        using var tmp = new TempDir();
        var r = Build(tmp, TestData.Path("mini", "mini_p.gfa"), TestData.Path("mini", "mini.odgi.tsv"), "CHM13", path: "HG001");
        Assert.Equal("HG001#1#chr1", r.ReferencePath);
        using var c = new SqliteConnection($"Data Source={Path.Combine(tmp["chr"], "step_index.db")};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT genome FROM step_index";
        Assert.Equal("CHM13", cmd.ExecuteScalar());
    }

    [Fact]
    public void Bubble_fixtures_build()
    {
        using var tmp = new TempDir();
        var r = Build(tmp, TestData.Path("mini", "mini_bubble.gfa"), TestData.Path("mini", "mini_bubble.odgi.tsv"), "GRCh38");
        Assert.Equal((7, 8, 5), (r.Segments, r.Links, r.ReferenceSteps));
        using var tmp2 = new TempDir();
        var r2 = Build(tmp2, TestData.Path("mini", "mini_compacted_bubble.gfa"), TestData.Path("mini", "mini_compacted_bubble.lay.tsv"), "GRCh38");
        Assert.Equal((5, 5, 3), (r2.Segments, r2.Links, r2.ReferenceSteps));
    }
}
