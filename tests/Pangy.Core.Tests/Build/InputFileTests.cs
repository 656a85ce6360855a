using Pangy.Core.Build;
using Pangy.Core.Formats;

namespace Pangy.Core.Tests.Build;

public class InputFileTests
{
    [Fact]
    public async Task A_local_file_has_its_length_and_bytes()
    {
        using var tmp = new TempDir();
        var input = InputFile.FromPath(tmp.Write("in.gfa", "S\t1\tACGT\n"));
        Assert.Equal(9, input.Length);
        await using var s = await input.OpenAsync(CancellationToken.None);
        Assert.Equal("S\t1\tACGT\n", await new StreamReader(s).ReadToEndAsync());
    }

    [Fact]
    public void A_symbolic_link_has_the_length_of_the_file_it_leads_to()
    {
        using var tmp = new TempDir();
        string target = tmp.Write("data/real.gfa", new string('S', 5000));
        File.CreateSymbolicLink(tmp["link.gfa"], target);
        File.CreateSymbolicLink(tmp["link2.gfa"], tmp["link.gfa"]);
        Assert.Equal(5000, InputFile.FromPath(tmp["link.gfa"]).Length);
        Assert.Equal(5000, InputFile.FromPath(tmp["link2.gfa"]).Length);
    }

    [Fact]
    public void A_dangling_symbolic_link_is_a_clear_error_naming_both_paths()
    {
        using var tmp = new TempDir();
        File.CreateSymbolicLink(tmp["link.gfa"], tmp["gone.gfa"]);
        var e = Assert.Throws<BadInputException>(() => InputFile.FromPath(tmp["link.gfa"]));
        Assert.Contains("link.gfa", e.Message);
        Assert.Contains("gone.gfa", e.Message);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<BadInputException>(() => InputFile.FromPath(tmp["none.gfa"]));
        Assert.Contains("file not found", e.Message);
    }
}
