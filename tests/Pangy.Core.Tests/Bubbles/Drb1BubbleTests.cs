using Microsoft.Data.Sqlite;
using Pangy.Core.Bubbles;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Tests.Bubbles;

/// <summary>The bubble stage on DRB1-3123 against the reference's verified numbers (§6, §10.2, decision 7).</summary>
public sealed class Drb1BubbleTests : IClassFixture<Drb1BubbleTests.Drb1Build>
{
    /// <summary>Builds the DRB1 chromosome directory once and runs the native stage on it.</summary>
    public sealed class Drb1Build : IDisposable
    {
        public string Dir { get; } = Directory.CreateTempSubdirectory("pangy-drb1-bubbles").FullName;
        public BubbleStageResult Result { get; }

        public Drb1Build()
        {
            TestGraphs.WriteChromosomeDir(Dir, TestGraphs.Data("drb1", "DRB1-3123.gfa"), TestGraphs.Data("drb1", "DRB1-3123.lay.tsv"), "gi|568815592");
            Result = BubbleStage.Run(Dir);
        }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private readonly Drb1Build _build;
    public Drb1BubbleTests(Drb1Build build) => _build = build;

    [Fact]
    public void Counts_match_the_reference()
    {
        var r = _build.Result;
        Assert.Equal((874, 599, 234, 41, 117, 4), (r.Bubbles, r.Simple, r.Super, r.Insertion, r.Chains, r.CompactedSegments));
    }

    [Fact]
    public void Fingerprint_matches_the_reference()
    {
        string fp = BubbleFingerprint.Compute(Path.Combine(_build.Dir, "bubbles.db"), out int rows);
        Assert.Equal(874, rows);
        Assert.Equal("e26e6704ffe5384c", fp);
    }
}
