using Pangy.Core.Formats;
using Pangy.Core.Stages;
using Pangy.Core.Storage;

namespace Pangy.Core.Tests.Stages;

public class IngestMessageTests
{
    [Fact]
    public async Task A_message_naming_blobs_builds_and_publishes_the_chromosome()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["uploads/lab"]);
        File.Copy(TestData.Drb1Gfa, tmp["uploads/lab/drb1.gfa"]);
        File.Copy(TestData.Drb1Layout, tmp["uploads/lab/drb1.lay.tsv"]);
        var json = new IngestMessage { Dataset = "lab", Chromosome = "DRB1", Reference = "gi|568815592", Gfa = "lab/drb1.gfa", Layout = "lab/drb1.lay.tsv" }.ToJson();
        Assert.True(json.Length < 1024);

        var message = IngestMessage.Parse(json);
        var request = await message.ResolveAsync(new LocalFolderObjectStore(tmp["uploads"]));
        var store = new LocalDatastore(tmp["store"]);
        var result = await AddChromosome.RunAsync(store, request);

        Assert.Equal(3214, result.Build.Segments);
        Assert.True(File.Exists(Path.Combine(tmp["store"], "graphs", "lab", "DRB1", "segments.db")));
        Assert.Equal("lab/drb1.gfa", request.Gfa.Name);
    }

    [Fact]
    public async Task Missing_inputs_bad_json_and_escaping_names_are_refused()
    {
        using var tmp = new TempDir();
        var store = new LocalFolderObjectStore(tmp.Root);
        var m = new IngestMessage { Dataset = "lab", Chromosome = "c", Reference = "r", Gfa = "none.gfa", Layout = "none.tsv" };
        var e = await Assert.ThrowsAsync<BadInputException>(() => m.ResolveAsync(store));
        Assert.Equal("none.gfa", e.File);
        Assert.Throws<BadInputException>(() => IngestMessage.Parse("{\"dataset\": 3"));
        Assert.Throws<ArgumentException>(() => store.PathOf("../outside.gfa"));
        File.WriteAllText(tmp["g.gfa"], "");
        File.WriteAllText(tmp["l.tsv"], "");
        await Assert.ThrowsAsync<ArgumentException>(() => (m with { Dataset = "../x", Gfa = "g.gfa", Layout = "l.tsv" }).ResolveAsync(store));
    }
}
