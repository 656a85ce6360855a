using Pangy.Core.Bubbles;
using Pangy.Core.Build;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Formats.SkeletonBin;
using Pangy.Core.Skeleton;
using Pangy.Core.Synth;

namespace Pangy.Core.Tests.Skeleton;

/// <summary>The skeleton stage on a graph from <c>pangy synth</c> (build → bubbles → skeleton).</summary>
public sealed class SyntheticSkeletonTests : IClassFixture<SyntheticSkeletonTests.Build>
{
    public sealed class Build : IDisposable
    {
        private readonly TempDir _tmp = new();

        public Build()
        {
            var options = new SynthOptions { RefBp = 300_000, Haplotypes = 8, Seed = 11, Chrom = "chr22" };
            string gfa = _tmp["synth.gfa"], layout = _tmp["synth.lay.tsv"];
            using (var g = File.Create(gfa))
            using (var l = File.Create(layout))
                Report = SyntheticGraphGenerator.Generate(options, g, l);
            Dir = _tmp["chr22"];
            ChromosomeBuilder.BuildAsync(InputFile.FromPath(gfa), InputFile.FromPath(layout), new ChromosomeBuildOptions { Reference = "GRCh38" }, Dir).GetAwaiter().GetResult();
            BubbleStage.Run(Dir);
            Result = SkeletonStage.Run(Dir, "chr22", "GRCh38");
        }

        public SynthReport Report { get; }
        public string Dir { get; }
        public SkeletonStageResult Result { get; }
        public void Dispose() => _tmp.Dispose();
    }

    private readonly Build _b;
    public SyntheticSkeletonTests(Build b) => _b = b;

    [Fact]
    public void Every_level_finer_than_the_layout_has_polylines()
    {
        var valid = NpyArray<byte>.ReadAll(Path.Combine(_b.Dir, "segments.mmapindex", "valid.npy"));
        float[] Read(string n) => NpyArray<float>.ReadAll(Path.Combine(_b.Dir, "segments.mmapindex", n));
        var (x1, x2, y1, y2) = (Read("x1.npy"), Read("x2.npy"), Read("y1.npy"), Read("y2.npy"));
        var idx = Enumerable.Range(0, valid.Length).Where(s => valid[s] != 0).ToList();
        double extent = Math.Max(idx.Max(s => Math.Max(x1[s], x2[s])) - idx.Min(s => Math.Min(x1[s], x2[s])),
                                 idx.Max(s => Math.Max(y1[s], y2[s])) - idx.Min(s => Math.Min(y1[s], y2[s])));

        using var meta = SkeletonFiles.GunzipJson(Path.Combine(_b.Dir, "skeleton", "meta.json.gz"));
        byte[] blob = SkeletonFiles.Gunzip(Path.Combine(_b.Dir, "skeleton", "polylines.bin.gz"));
        var levels = meta.RootElement.GetProperty("levels").EnumerateArray().ToList();
        Assert.Equal(_b.Result.Levels, levels.Count);
        int pos = 0, checkedLevels = 0;
        foreach (var l in levels)
        {
            int cell = l.GetProperty("gridSize").GetInt32(), len = l.GetProperty("byteLength").GetInt32();
            var decoded = GridVarintReader.DecodeLevel(blob.AsSpan(pos, len), l.GetProperty("numPolylines").GetInt32(), cell);
            pos += len;
            if (cell >= extent) continue;
            checkedLevels++;
            Assert.NotEmpty(decoded);
            Assert.All(decoded, p => Assert.True(p.Points.Length >= 2));
        }
        Assert.True(checkedLevels >= 5, $"only {checkedLevels} levels are finer than the {extent}-unit layout");
        Assert.Equal(blob.Length, pos);
    }

    [Fact]
    public void The_spine_is_monotone_in_bp()
    {
        using var doc = SkeletonFiles.GunzipJson(Path.Combine(_b.Dir, "skeleton", "spine-GRCh38.json.gz"));
        var bp = doc.RootElement.GetProperty("spine").EnumerateArray().Select(p => p[2].GetInt64()).ToList();
        int steps = NpyArray<uint>.ReadAll(Path.Combine(_b.Dir, "steps.mmapindex", "starts.npy")).Length;
        Assert.Equal(_b.Result.SpinePoints, bp.Count);
        Assert.Equal((steps - 1) / SpineWriter.Stride + 1 + ((steps - 1) % SpineWriter.Stride == 0 ? 0 : 1), bp.Count);
        for (int i = 1; i < bp.Count; i++) Assert.True(bp[i] > bp[i - 1], $"spine bp goes back at point {i}");
        Assert.InRange(bp[^1], 300_000 - 1024, 300_000);
    }

    [Fact]
    public void Every_segment_is_covered_and_the_meta_counts_the_graph()
    {
        using var doc = SkeletonFiles.GunzipJson(Path.Combine(_b.Dir, "polychain-data.json.gz"));
        var covered = new HashSet<int>();
        foreach (var c in doc.RootElement.GetProperty("chains").EnumerateArray())
            foreach (var key in new[] { "source_segs", "sink_segs" })
                foreach (var s in c.GetProperty(key).EnumerateArray()) covered.Add(s.GetInt32());
        foreach (var s in doc.RootElement.GetProperty("junction").GetProperty("ids").EnumerateArray()) covered.Add(s.GetInt32());
        foreach (var b in SkeletonFiles.ReadBubbles(_b.Dir).Values) covered.UnionWith(b.Source.Concat(b.Sink).Concat(b.Inside));
        var valid = NpyArray<byte>.ReadAll(Path.Combine(_b.Dir, "segments.mmapindex", "valid.npy"));
        var missing = Enumerable.Range(0, valid.Length).Where(s => valid[s] != 0 && !covered.Contains(s)).ToList();
        Assert.Empty(missing);

        string meta = File.ReadAllText(Path.Combine(_b.Dir, "meta.json"));
        Assert.Contains($"\"total_segments\": {_b.Report.Segments},", meta);
        Assert.Contains($"\"total_links\": {_b.Report.Links},", meta);
        using var samples = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_b.Dir, "paths", "sample_idx.json")));
        int sampleCount = samples.RootElement.EnumerateObject().Count();
        Assert.True(sampleCount > 1);
        Assert.Contains($"\"sample_count\": {sampleCount},", meta);
    }

    [Fact]
    public void Outputs_are_the_recorded_bytes()
    {
        // Recorded before the stage's memory work (issue 4 follow-up); any change to an output byte changes it.
        Assert.Equal("3cc2378c9342700e7fd1d070335fa93146052a73fa42f6aabec96110fca70ba9", SkeletonFiles.ContentDigest(_b.Dir));
    }
}
