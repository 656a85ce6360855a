using Pangy.Core.Bubbles;
using Pangy.Core.Build;
using Pangy.Core.Formats.BubbleGunJson;
using Pangy.Core.Stages;
using Pangy.Core.Storage;
using Pangy.Core.Tests.Bubbles;

namespace Pangy.Core.Tests.Stages;

public class AddChromosomeTests
{
    private static AddChromosomeRequest Drb1(string dataset, InputFile? bubbles = null) =>
        new(new ChromosomeKey(dataset, "DRB1"), InputFile.FromPath(TestData.Drb1Gfa), InputFile.FromPath(TestData.Drb1Layout),
            new ChromosomeBuildOptions { Reference = TestData.Drb1Ref }, BubbleGunJson: bubbles);

    [Fact]
    public async Task Add_builds_and_finds_bubbles_then_publishes_with_per_stage_costs()
    {
        using var tmp = new TempDir();
        var store = new LocalDatastore(tmp["store"]);
        var r = await AddChromosome.RunAsync(store, Drb1("native"));
        Assert.Equal((874, 599, 234, 41, 117), (r.Bubbles.Bubbles, r.Bubbles.Simple, r.Bubbles.Super, r.Bubbles.Insertion, r.Bubbles.Chains));
        string dir = store.ChromosomeDirectory(r.Key);
        Assert.Equal("e26e6704ffe5384c", BubbleFingerprint.Compute(Path.Combine(dir, "bubbles.db")));
        Assert.True(r.BuildCost.PeakMemoryBytes > 0 && r.BubblesCost.PeakMemoryBytes > 0);
        Assert.True(r.PeakMemoryBytes >= r.BubblesCost.PeakMemoryBytes);
    }

    [Fact]
    public async Task An_uploaded_BubbleGun_json_replaces_the_native_finder()
    {
        using var tmp = new TempDir();
        var store = new LocalDatastore(tmp["store"]);
        var native = await AddChromosome.RunAsync(store, Drb1("native"));
        string nativeDir = store.ChromosomeDirectory(native.Key);

        // The native result in BubbleGun's shape, as a lab's upload would be.
        var computation = BubbleComputation.Native(BubbleGraphInput.Load(nativeDir));
        string json = tmp["DRB1.bubblegun.json"];
        using (var fs = File.Create(json)) BubbleGunJsonWriter.Write(fs, BubbleGunExport.FromComputation(computation));

        var imported = await AddChromosome.RunAsync(store, Drb1("imported", InputFile.FromPath(json)));
        string dir = store.ChromosomeDirectory(imported.Key);
        Assert.Equal(File.ReadAllBytes(Path.Combine(nativeDir, "bubbles.db")), File.ReadAllBytes(Path.Combine(dir, "bubbles.db")));
        Assert.False(Directory.Exists(Path.Combine(dir, ".inputs")));
    }

    [Fact]
    public async Task A_bad_BubbleGun_json_publishes_nothing()
    {
        using var tmp = new TempDir();
        var store = new LocalDatastore(tmp["store"]);
        string json = tmp["bad.json"];
        File.WriteAllText(json, "{\"1\": {\"chain_id\": 1, \"ends\": [\"1\", \"9999\"], \"bubbles\": [{\"type\": \"simple\", \"id\": 1, \"ends\": [\"1\", \"9999\"], \"inside\": [\"2\"]}]}}");
        var e = await Assert.ThrowsAsync<Pangy.Core.Formats.BadInputException>(() => AddChromosome.RunAsync(store, Drb1("bad", InputFile.FromPath(json))));
        Assert.Contains("bad.json", e.File);
        Assert.False(store.Exists(new ChromosomeKey("bad", "DRB1")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(tmp["store"], ".pangy", "staging")));
    }
}
