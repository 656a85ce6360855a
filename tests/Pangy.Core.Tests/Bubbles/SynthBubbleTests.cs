using Pangy.Core.Bubbles;
using Pangy.Core.Synth;

namespace Pangy.Core.Tests.Bubbles;

/// <summary>
/// On graphs made by <c>pangy synth</c>, the bubbles found are exactly the ones the generator says it made: each SNP one
/// simple bubble, each insertion or deletion one insertion bubble, each multi-allelic site or structural variant one
/// super bubble, and the SNPs inside a structural variant children of its super bubble.
/// </summary>
public sealed class SynthBubbleTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pangy-synth-bubbles").FullName;
    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(2_000_000L, 6, 42UL, false)]
    [InlineData(500_000L, 3, 7UL, true)]
    public void Bubble_counts_by_kind_equal_what_the_generator_made(long refBp, int haplotypes, ulong seed, bool wLines)
    {
        var options = new SynthOptions { RefBp = refBp, Haplotypes = haplotypes, Seed = seed, WLines = wLines };
        string gfa = Path.Combine(_root, $"synth{seed}.gfa"), layout = Path.Combine(_root, $"synth{seed}.lay.tsv");
        SynthReport report;
        using (var g = File.Create(gfa))
        using (var l = File.Create(layout))
            report = SyntheticGraphGenerator.Generate(options, g, l);
        string dir = Path.Combine(_root, $"chr{seed}");
        TestGraphs.BuildChromosome(dir, gfa, layout, "GRCh38");

        var result = BubbleStage.Run(dir);

        var expected = report.ExpectedBubbles;
        Assert.True(expected.Total > 1000, "the graph should hold a real number of sites");
        Assert.Equal((expected.Simple, expected.Insertion, expected.Super, expected.Total),
            ((long)result.Simple, (long)result.Insertion, (long)result.Super, (long)result.Bubbles));
        var rows = BubbleDbRow.ReadAll(Path.Combine(dir, "bubbles.db"));
        var nested = rows.Values.Where(b => b.Parent is not null).ToList();
        Assert.Equal(expected.Nested, nested.Count);
        Assert.All(nested, b => Assert.Equal(("simple", "super"), (b.Subtype, rows[(int)b.Parent!].Subtype)));
    }
}
