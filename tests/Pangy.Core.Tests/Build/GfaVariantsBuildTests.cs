using Microsoft.Data.Sqlite;
using Pangy.Core.Build;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Formats.PathIndex;
using Pangy.Core.Tests.Formats.Npy;

namespace Pangy.Core.Tests.Build;

/// <summary>GFAs the reference rejects or never meets: non-integer names, paths before segments, CRLF, --sep.</summary>
public class GfaVariantsBuildTests
{
    // An odgi-style layout with two rows per segment.
    private static string Layout(int segments) =>
        "idx\tX\tY\tcomponent\n" + string.Concat(Enumerable.Range(0, 2 * segments).Select(i => $"{i}\t{i}.5\t{i}\t0\n"));

    private static ChromosomeBuildResult Build(TempDir tmp, string gfa, string reference = "GRCh38", char? sep = null)
    {
        int segments = gfa.Split('\n').Count(l => l.StartsWith("S\t"));
        string g = tmp.Write("in.gfa", gfa), l = tmp.Write("in.tsv", Layout(segments));
        return ChromosomeBuilder.BuildAsync(InputFile.FromPath(g), InputFile.FromPath(l),
            new ChromosomeBuildOptions { Reference = reference, Separator = sep }, tmp["chr"]).GetAwaiter().GetResult();
    }

    private static List<object[]> Rows(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object[]>();
        while (r.Read()) { var v = new object[r.FieldCount]; r.GetValues(v); rows.Add(v); }
        return rows;
    }

    private static string[] Path0(TempDir tmp, string file) =>
        BinPathReader.ReadFile(Path.Combine(tmp["chr"], "paths", file)).Select(PathStep.ToText).ToArray();

    // mini_p's topology with names that are not integers; L lines come before the S lines they name.
    private const string Named = "H\tVN:Z:1.0\nS\tutg_a\tACGT\nL\tutg_a\t+\tutg_b\t+\t0M\nL\tutg_a\t+\tutg_c\t+\t0M\nS\tutg_b\tTTTT\nS\tutg_c\tCCCC\n" +
        "S\tutg_d\tGGGG\nL\tutg_b\t+\tutg_d\t+\t0M\nL\tutg_c\t+\tutg_d\t-\t0M\nP\tGRCh38#0#chr1\tutg_a+,utg_b+,utg_d+\t*\nP\tHG001#1#chr1\tutg_a+,utg_c+,utg_d-\t*\n";

    [Fact]
    public void Non_integer_names_are_renumbered_in_s_line_order_and_kept()
    {
        using var tmp = new TempDir();
        var r = Build(tmp, Named);
        Assert.True(r.Renumbered);
        Assert.Equal((4, 4, 3), (r.Segments, r.Links, r.ReferenceSteps));
        string seg = Path.Combine(tmp["chr"], "segments.db");
        Assert.Equal([[1L, "utg_a"], [2L, "utg_b"], [3L, "utg_c"], [4L, "utg_d"]],
            Rows(seg, "SELECT id, name FROM segment_names ORDER BY id").Select(x => new object[] { x[0], x[1] }));
        Assert.Equal([1L, 2L, 3L, 4L], Rows(seg, "SELECT id FROM segments ORDER BY rowid").Select(x => x[0]));
        Assert.Equal(["1+2+", "1+3+", "2+4+", "3+4-"], Rows(Path.Combine(tmp["chr"], "links.db"), "SELECT id FROM links ORDER BY rowid").Select(x => (string)x[0]));
        Assert.Equal(["1+", "3+", "4-"], Path0(tmp, "HG001#1__1.binpath"));
    }

    [Fact]
    public void A_name_that_turns_non_integer_late_restarts_renumbered()
    {
        using var tmp = new TempDir();
        var r = Build(tmp, "S\t1\tA\nS\t2\tC\nS\tx3\tG\nL\t1\t+\t2\t+\t*\nL\t2\t+\tx3\t+\t*\nP\tGRCh38#0#c\t1+,2+,x3+\t*\n");
        Assert.True(r.Renumbered);
        Assert.Equal(["1+", "2+", "3+"], Path0(tmp, "GRCh38#0__1.binpath"));
    }

    [Fact]
    public void Masks_of_a_hundred_samples_cross_every_word_boundary()
    {
        // 100 samples (sample_idx 0..99) on three segments: sample k walks 1+2+ unless k % 3 == 0 (backwards then), and
        // 2+3+ when k is odd. The masks must be Python's hex of those bit sets, whatever the build's words are.
        using var tmp = new TempDir();
        var gfa = new System.Text.StringBuilder("S\t1\tA\nS\t2\tC\nS\t3\tG\nL\t1\t+\t2\t+\t0M\nL\t2\t+\t3\t+\t0M\n");
        for (int k = 0; k < 100; k++)
        {
            string sample = k == 0 ? "GRCh38#0#c" : $"S{k:D3}#1#c";
            string walk = k == 0 ? "1+,2+,3+" : (k % 3 == 0 ? "2-,1-" : "1+,2+") + (k % 2 == 1 ? (k % 3 == 0 ? "" : ",3+") : "");
            if (k % 2 == 1 && k % 3 == 0) gfa.Append($"P\t{sample}b\t2+,3+\t*\n");
            gfa.Append($"P\t{sample}\t{walk}\t*\n");
        }
        Build(tmp, gfa.ToString());
        var index = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(tmp["chr"], "paths", "sample_idx.json")))
            .RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(100, index.Count);
        System.Numerics.BigInteger a = 0, aReverse = 0, b = 0;
        for (int k = 0; k < 100; k++)
        {
            var bit = System.Numerics.BigInteger.One << index[k == 0 ? "GRCh38#0" : $"S{k:D3}#1"];
            a |= bit;
            if (k != 0 && k % 3 == 0) aReverse |= bit;
            if (k == 0 || k % 2 == 1) b |= bit;
        }
        static string Hex(System.Numerics.BigInteger v) => v.ToString("x").TrimStart('0') is { Length: > 0 } h ? h : "0";
        Assert.Equal([["1+2+", Hex(a), Hex(aReverse), 1.0], ["2+3+", Hex(b), "0", 51 / 100.0]],
            Rows(Path.Combine(tmp["chr"], "links.db"), "SELECT id, haplotype, reverse, frequency FROM links ORDER BY rowid"));
    }

    [Fact]
    public void Segments_and_links_after_the_paths_are_read_in_two_passes()
    {
        using var tmp = new TempDir();
        var gfa = "H\tVN:Z:1.0\nP\tGRCh38#0#chr1\t1+,2+\t*\nS\t1\tACGT\nS\t2\tGG\nL\t1\t+\t2\t+\t0M\nP\tHG001#1#chr1\t2-,1-\t*\n";
        var r = Build(tmp, gfa);
        Assert.Equal((2, 1, 2, 2), (r.Segments, r.Links, r.Paths, r.ReferenceSteps));
        Assert.Equal(["2-", "1-"], Path0(tmp, "HG001#1__1.binpath"));
        // HG001 walks the link backwards: both samples in haplotype, only HG001 in reverse.
        Assert.Equal([["3", "2", 1.0]], Rows(Path.Combine(tmp["chr"], "links.db"), "SELECT haplotype, reverse, frequency FROM links"));
    }

    [Fact]
    public void A_path_naming_a_segment_defined_later_is_not_an_error()
    {
        using var tmp = new TempDir();
        var r = Build(tmp, "S\t1\tA\nS\t2\tC\nL\t1\t+\t2\t+\t*\nL\t2\t+\t3\t+\t*\nP\tGRCh38#0#c\t1+,2+,3+\t*\nS\t3\tG\n");
        Assert.Equal((3, 3), (r.Segments, r.ReferenceSteps));
    }

    [Fact]
    public void Crlf_and_a_missing_final_newline_build_the_same_artifacts()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        Build(a, Named);
        Build(b, Named.Replace("\n", "\r\n").TrimEnd('\n', '\r'));
        foreach (var f in Directory.GetFiles(a["chr"], "*", SearchOption.AllDirectories))
            Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(b["chr"], Path.GetRelativePath(a["chr"], f))));
    }

    [Fact]
    public void Sep_makes_the_sample_the_genome_prefix()
    {
        using var tmp = new TempDir();
        Build(tmp, Named.Replace("HG001#1#chr1", "HG001.v2#1#chr1"), sep: '.');
        var index = PathIndexDocument.ReadFile(Path.Combine(tmp["chr"], "paths", "index.json"));
        Assert.Equal(["GRCh38#0", "HG001#1"], index.Samples.Select(s => s.Key));
        Assert.Equal("HG001.v2#1#chr1", index.Samples[1].Value[0].FullId);
    }

    [Fact]
    public async Task Every_npy_the_build_writes_is_valid_numpy_format_1_0()
    {
        using var tmp = new TempDir();
        await ChromosomeBuilder.BuildAsync(InputFile.FromPath(TestData.Drb1Gfa), InputFile.FromPath(TestData.Drb1Layout),
            new ChromosomeBuildOptions { Reference = TestData.Drb1Ref }, tmp["chr"]);
        var files = Directory.GetFiles(tmp["chr"], "*.npy", SearchOption.AllDirectories);
        Assert.Equal(19, files.Length); // §4.1's 18 and Pangy's links.mmapindex/frequencies.npy
        foreach (var f in files)
        {
            var bytes = File.ReadAllBytes(f);
            var h = NpyHeader.Read(f);
            NpyTests.AssertValidPreamble(bytes, h.Descr, h.Length);
            int itemSize = int.Parse(h.Descr[2..]);
            Assert.Equal(h.DataOffset + h.Length * itemSize, bytes.Length); // C-order data follows the 64-aligned header, nothing else
        }
    }
}
