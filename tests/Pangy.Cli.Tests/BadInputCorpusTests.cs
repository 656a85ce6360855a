
namespace Pangy.Cli.Tests;

/// <summary>
/// Every case of the bad-input corpus (tests/data/bad/cases.tsv) through the real <c>pangy</c>: exit code 1, one line
/// naming the file, the line and the reason, nothing published, and the earlier good build untouched.
/// </summary>
public class BadInputCorpusTests
{
    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var line in File.ReadLines(TestData.Path("bad", "cases.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var f = line.Split('\t');
            data.Add(f[0], f[1], f[2], f[3]);
        }
        return data;
    }

    [Fact]
    public void The_corpus_lists_every_file_once()
    {
        var listed = Cases().Select(c => (string)c[0]).ToHashSet();
        var files = Directory.GetFiles(TestData.Path("bad")).Select(Path.GetFileName)
            .Where(n => n is not ("cases.tsv" or "README.md")).ToHashSet();
        Assert.Equal(files.Order(), listed.Order());
        Assert.True(listed.Count >= 35, $"{listed.Count} cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_input_is_a_clear_error_and_the_good_build_stays(string file, string command, string line, string reason)
    {
        using var tmp = new TempDir();
        string store = tmp["store"];
        string bad = TestData.Path("bad", file);
        string[] good, wrong;
        string published;
        if (command == "annotate")
        {
            string[] common = ["annotate", "--ref", "GRCh38", "--name", "genes", "--dir", store, "--force", "--gff3"];
            good = [.. common, TestData.Path("drb1", "drb1_annotations.gff3")];
            wrong = [.. common, bad];
            published = Path.Combine(store, "annotations", "GRCh38", "genes");
        }
        else
        {
            string gfa = file.StartsWith("gfa-") ? bad : TestData.Path("mini", "mini_p.gfa");
            string layout = file.StartsWith("layout-") ? bad : TestData.Path("mini", "mini.odgi.tsv");
            string[] common = ["add", "--db", "lab", "--ref", "GRCh38", "--chr", "chr1", "--dir", store, "--force", "--layout", layout];
            good = [.. common[..^2], "--layout", TestData.Path("mini", "mini.odgi.tsv"), "--gfa", TestData.Path("mini", "mini_p.gfa")];
            wrong = [.. common, "--gfa", gfa, .. file.StartsWith("bubblegun-") ? new[] { "--bubbles", bad } : []];
            published = Path.Combine(store, "graphs", "lab", "chr1");
        }

        var first = await PangyProcess.RunAsync(good);
        Assert.True(first.ExitCode == 0, first.Stderr);
        string before = ArtifactDigest.Of(published);

        var run = await PangyProcess.RunAsync(wrong);
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        string message = Assert.Single(run.Messages.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // Paths of the other inputs are printed in full; the corpus writes them from the data folder on.
        message = message.Replace(TestData.Path() + Path.DirectorySeparatorChar, "");
        string where = line == "-" ? "" : $":{line}";
        Assert.StartsWith($"pangy: error: {Path.Combine("bad", file)}{where}: ", message);
        Assert.Contains(reason, message);

        Assert.Equal(before, ArtifactDigest.Of(published));
        var staging = Path.Combine(store, ".pangy", "staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0, "staging left behind");
    }
}
