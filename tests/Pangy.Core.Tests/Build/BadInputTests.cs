using System.IO.Compression;
using Pangy.Core.Build;
using Pangy.Core.Formats;
using Pangy.Core.Stages;
using Pangy.Core.Storage;

namespace Pangy.Core.Tests.Build;

/// <summary>
/// Every bad input gives an error naming the file, the line (where there is one) and the reason, publishes nothing,
/// and leaves an earlier good build of the same chromosome as it was.
/// </summary>
public class BadInputTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private readonly LocalDatastore _store;
    private readonly ChromosomeKey _key = new("ds", "chr1");
    private readonly string _goodGfa = TestData.Path("mini", "mini_p.gfa");
    private readonly string _goodLayout = TestData.Path("mini", "mini.odgi.tsv");
    private readonly Dictionary<string, byte[]> _before;

    public BadInputTests()
    {
        _store = new LocalDatastore(_tmp["store"]);
        Add(_goodGfa, _goodLayout, replace: false);
        _before = Snapshot();
    }

    public void Dispose() => _tmp.Dispose();

    private AddChromosomeResult Add(string gfa, string layout, bool replace = true, string reference = "GRCh38") =>
        AddChromosome.RunAsync(_store, new AddChromosomeRequest(_key, InputFile.FromPath(gfa), InputFile.FromPath(layout),
            new ChromosomeBuildOptions { Reference = reference }, replace)).GetAwaiter().GetResult();

    private Dictionary<string, byte[]> Snapshot()
    {
        var dir = _store.ChromosomeDirectory(_key);
        return Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes);
    }

    private BadInputException Rejects(string gfa, string? layout = null, string reference = "GRCh38")
    {
        var e = Assert.Throws<BadInputException>(() => Add(gfa, layout ?? _goodLayout, reference: reference));
        var after = Snapshot();
        Assert.Equal(_before.Keys.Order(), after.Keys.Order());
        foreach (var (k, v) in _before) Assert.Equal(v, after[k]);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_store.Root, ".pangy", "staging")));
        Assert.Equal(["chr1"], Directory.GetDirectories(Path.Combine(_store.Root, "graphs", "ds")).Select(Path.GetFileName));
        return e;
    }

    private string Gfa(string name, string text) => _tmp.Write(name, text);

    private string Mini(Func<string, string> edit, string name = "bad.gfa")
    {
        string good = File.ReadAllText(_goodGfa), bad = edit(good);
        Assert.NotEqual(good, bad); // the edit must apply, or the test would pass on a good file
        return Gfa(name, bad);
    }

    [Fact]
    public void Empty_file()
    {
        var e = Rejects(Gfa("empty.gfa", ""));
        Assert.EndsWith("empty.gfa", e.File);
        Assert.Contains("empty", e.Reason);
    }

    [Fact]
    public void Truncated_gzip()
    {
        var bytes = File.ReadAllBytes(_goodGfa);
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(bytes);
        var path = _tmp["cut.gfa.gz"];
        File.WriteAllBytes(path, ms.ToArray()[..(int)(ms.Length * 2 / 3)]);
        var e = Rejects(path);
        Assert.EndsWith("cut.gfa.gz", e.File);
        Assert.Contains("truncated", e.Reason);
    }

    [Fact]
    public void A_complete_gzip_builds()
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(File.ReadAllBytes(_goodGfa));
        var path = _tmp["ok.gfa"]; // no .gz suffix: gzip is recognised by its magic bytes
        File.WriteAllBytes(path, ms.ToArray());
        Assert.Equal(6, Add(path, _goodLayout).Build.Segments);
    }

    [Fact]
    public void S_line_without_sequence()
    {
        var e = Rejects(Mini(t => t.Replace("S\t3\tCCCC", "S\t3")));
        Assert.Equal(4, e.Line);
        Assert.Contains("no sequence", e.Reason);
    }

    [Fact]
    public void L_line_naming_an_unknown_segment()
    {
        var e = Rejects(Mini(t => t.Replace("L\t3\t+\t4\t+\t0M", "L\t3\t+\t44\t+\t0M")));
        Assert.Equal(11, e.Line);
        Assert.Contains("44", e.Reason);
        Assert.Contains("no S line", e.Reason);
    }

    [Fact]
    public void Duplicate_segment_ids()
    {
        var e = Rejects(Mini(t => t.Replace("S\t5\tATAT", "S\t2\tATAT")));
        Assert.Equal(6, e.Line);
        Assert.Contains("defined twice (first on line 3)", e.Reason);
    }

    [Fact]
    public void Path_step_naming_an_unknown_segment()
    {
        var e = Rejects(Mini(t => t.Replace("1+,3+,4+,6+", "1+,3+,4+,9+")));
        Assert.Equal(15, e.Line);
        Assert.Contains("'9'", e.Reason);
        Assert.Contains("HG001#1#chr1", e.Reason);
    }

    [Fact]
    public void Layout_with_fewer_rows_than_segments()
    {
        var rows = File.ReadAllLines(_goodLayout);
        var layout = _tmp.Write("short.tsv", string.Join("\n", rows[..^2]) + "\n");
        var e = Rejects(_goodGfa, layout);
        Assert.EndsWith("short.tsv", e.File);
        Assert.Contains("5 segments", e.Reason);
    }

    [Fact]
    public void Layout_with_more_rows_than_segments()
    {
        var layout = _tmp.Write("long.tsv", File.ReadAllText(_goodLayout) + "12\t1.0\t2.0\t0\n13\t3.0\t4.0\t0\n");
        var e = Rejects(_goodGfa, layout);
        Assert.EndsWith("long.tsv", e.File);
        Assert.Contains("7 segments", e.Reason);
        Assert.Contains("defines 6", e.Reason);
    }

    [Fact]
    public void No_reference_match()
    {
        var e = Rejects(_goodGfa, reference: "CHM13");
        Assert.Contains("no path name contains 'CHM13'", e.Reason);
        Assert.Contains("GRCh38#0, HG001#1", e.Reason);
    }

    [Fact]
    public void Two_reference_matches()
    {
        var e = Rejects(_goodGfa, reference: "#chr1");
        Assert.Equal(15, e.Line);
        Assert.Contains("'GRCh38#0#chr1' (line 14) and 'HG001#1#chr1'", e.Reason);
    }

    [Fact]
    public void W_line_with_a_non_numeric_start()
    {
        var good = File.ReadAllText(TestData.Path("mini", "mini_w.gfa"));
        var w = good.Replace("W\tHG001\t1\tchr1\t0\t16", "W\tHG001\t1\tchr1\tzero\t16");
        Assert.NotEqual(good, w);
        var e = Rejects(Gfa("w.gfa", w));
        Assert.Equal(15, e.Line);
        Assert.Contains("'zero' is not a number", e.Reason);
    }

    [Fact]
    public void Binary_file_given_as_gfa()
    {
        var e = Rejects(TestData.Path("layout", "odgi_real.lay"));
        Assert.EndsWith("odgi_real.lay", e.File);
        Assert.Contains("not a GFA", e.Reason);
    }

    [Fact]
    public void Path_steps_joined_by_no_link()
    {
        var e = Rejects(Mini(t => t.Replace("L\t4\t+\t6\t+\t0M\n", "")));
        Assert.Contains("joined by no L line", e.Reason);
    }

    [Fact]
    public void An_unlinked_step_pair_is_reported_before_a_later_paths_bad_step()
    {
        // Links are checked on another thread than the one parsing the next path; the error is still the first in the file.
        var e = Rejects(Mini(t => t.Replace("L\t4\t+\t6\t+\t0M\n", "") + "P\tHG002#1#chr1\t1+,9+\t*\n"));
        Assert.Equal(14, e.Line);
        Assert.Contains("'HG001#1#chr1'", e.Reason);
        Assert.Contains("joined by no L line", e.Reason);
    }

    [Fact]
    public void Existing_chromosome_is_not_replaced_without_force()
    {
        Assert.Throws<ChromosomeExistsException>(() => Add(_goodGfa, _goodLayout, replace: false));
    }
}
