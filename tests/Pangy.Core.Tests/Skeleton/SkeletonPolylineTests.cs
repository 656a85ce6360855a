using Pangy.Core.Formats.Npy;
using Pangy.Core.Formats.SkeletonBin;
using Pangy.Core.Skeleton;

namespace Pangy.Core.Tests.Skeleton;

/// <summary>
/// <c>skeleton/polylines.bin.gz</c> on DRB1 decoded level by level with the meta's byte lengths: the file holds exactly
/// the polylines the cascade traced, and those are exactly what snapping the runs directly at each cell gives.
/// </summary>
public sealed class SkeletonPolylineTests(Drb1SkeletonFixture f) : IClassFixture<Drb1SkeletonFixture>
{
    private List<(int Cell, List<SkeletonPolyline> Polylines)> DecodeFile()
    {
        using var meta = SkeletonFiles.GunzipJson(f.PathOf("skeleton", "meta.json.gz"));
        byte[] blob = SkeletonFiles.Gunzip(f.PathOf("skeleton", "polylines.bin.gz"));
        var levels = new List<(int, List<SkeletonPolyline>)>();
        int pos = 0;
        foreach (var l in meta.RootElement.GetProperty("levels").EnumerateArray())
        {
            int len = l.GetProperty("byteLength").GetInt32(), cell = l.GetProperty("gridSize").GetInt32();
            var decoded = GridVarintReader.DecodeLevel(blob.AsSpan(pos, len), l.GetProperty("numPolylines").GetInt32(), cell);
            Assert.Equal(l.GetProperty("totalPoints").GetInt64(), decoded.Sum(p => (long)p.Points.Length));
            levels.Add((cell, decoded));
            pos += len;
        }
        Assert.Equal(blob.Length, pos);
        return levels;
    }

    [Fact]
    public void Decoded_levels_are_exactly_the_traced_polylines()
    {
        var decoded = DecodeFile();
        using var graph = SkeletonGraph.Open(f.Dir);
        using var bubbles = BubbleTable.Open(f.Dir);
        var sizes = SkeletonExport.GridSizes(graph);
        Assert.Equal(decoded.Select(d => d.Cell), sizes);
        var level = SkeletonExport.FinestLevel(graph, bubbles, new SkeletonTopology(graph), sizes[0], out _, out int labelled);
        Assert.Equal(2325, labelled); // §7.1: 2325 of 2487 runs carry a chain
        for (int i = 0; i < sizes.Count; i++)
        {
            if (i > 0) level = level.Coarsen();
            var traced = new CollectingSink(sizes[i]);
            GridTracer.Trace(level, traced);
            Assert.Equal(traced.Polylines.Count, decoded[i].Polylines.Count);
            for (int k = 0; k < traced.Polylines.Count; k++)
            {
                Assert.Equal(traced.Polylines[k].ChainId, decoded[i].Polylines[k].ChainId);
                Assert.Equal(traced.Polylines[k].Points, decoded[i].Polylines[k].Points);
            }
        }
    }

    [Fact]
    public void Each_level_is_the_runs_snapped_directly_at_its_cell()
    {
        // Independent of the cascade: snap every run's centroids at each cell with floor, collect the distinct edges
        // and their chain weights, and compare with the decoded polylines' edges and chains.
        var decoded = DecodeFile();
        var runs = new List<(int Chain, (double X, double Y)[] Points)>();
        using (var graph = SkeletonGraph.Open(f.Dir))
        using (var bubbles = BubbleTable.Open(f.Dir))
        {
            var labeller = new RunChainLabeller(graph, bubbles);
            var x1 = NpyArray<float>.ReadAll(f.PathOf("segments.mmapindex", "x1.npy"));
            var x2 = NpyArray<float>.ReadAll(f.PathOf("segments.mmapindex", "x2.npy"));
            var y1 = NpyArray<float>.ReadAll(f.PathOf("segments.mmapindex", "y1.npy"));
            var y2 = NpyArray<float>.ReadAll(f.PathOf("segments.mmapindex", "y2.npy"));
            new SkeletonTopology(graph).WalkRuns(run => runs.Add((labeller.Label(run),
                run.ToArray().Select(s => ((double)(x1[s] + x2[s]) / 2, (double)(y1[s] + y2[s]) / 2)).ToArray())));
        }
        Assert.Equal(2487, runs.Count);

        foreach (var (cell, polylines) in decoded)
        {
            var expected = new Dictionary<((long, long), (long, long)), Dictionary<int, long>>();
            foreach (var (chain, pts) in runs)
            {
                (long, long)? prev = null;
                foreach (var (x, y) in pts)
                {
                    var p = ((long)Math.Floor(x / cell) * cell, (long)Math.Floor(y / cell) * cell);
                    if (prev is { } q && q != p)
                    {
                        var key = Canonical(q, p);
                        if (!expected.TryGetValue(key, out var hist)) expected[key] = hist = [];
                        hist[chain] = hist.GetValueOrDefault(chain) + 1;
                    }
                    prev = p;
                }
            }
            var seen = new HashSet<((long, long), (long, long))>();
            foreach (var pl in polylines)
            {
                var votes = new Dictionary<int, long>();
                for (int i = 1; i < pl.Points.Length; i++)
                {
                    var key = Canonical(pl.Points[i - 1], pl.Points[i]);
                    Assert.True(seen.Add(key), $"edge {key} appears twice at cell {cell}");
                    Assert.True(expected.TryGetValue(key, out var hist), $"edge {key} is not in the snapped runs at cell {cell}");
                    foreach (var (c, w) in hist!) votes[c] = votes.GetValueOrDefault(c) + w;
                }
                long best = votes.Values.Max();
                Assert.Equal(votes.Where(v => v.Value == best).Min(v => v.Key), pl.ChainId);
                Assert.All(pl.Points, p => Assert.True(p.X % cell == 0 && p.Y % cell == 0));
            }
            Assert.Equal(expected.Count, seen.Count);
        }
    }

    private static ((long, long), (long, long)) Canonical((long, long) a, (long, long) b) =>
        a.CompareTo(b) <= 0 ? (a, b) : (b, a);

    private sealed class CollectingSink(int cell) : IPolylineSink
    {
        public List<SkeletonPolyline> Polylines { get; } = [];

        public void Polyline(ReadOnlySpan<ulong> points, int chainId) =>
            Polylines.Add(new SkeletonPolyline(chainId, points.ToArray().Select(p => ((long)GridLevel.X(p) * cell, (long)GridLevel.Y(p) * cell)).ToArray()));
    }
}
