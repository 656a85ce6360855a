using Pangy.Core.Datastore;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Tests.Datastore;

/// <summary>The one index writer: it writes what the layout describes and refuses anything else.</summary>
public sealed class IndexDirectoryWriterTests : IDisposable
{
    private readonly TempDir _tmp = new();

    [Fact]
    public void Writes_the_columns_and_a_meta_json_with_python_separators()
    {
        string dir = _tmp["steps"];
        IndexDirectoryWriter.Create(StepIndexLayout.Index, dir)
            .Write<uint>(StepIndexLayout.Starts, [1, 11])
            .Write<uint>(StepIndexLayout.Ends, [10, 20])
            .Write<uint>(StepIndexLayout.Segments, [7, 9])
            .Finish((StepIndexLayout.LengthKey, 2), (StepIndexLayout.GenomeKey, "GRCh38"));
        Assert.Equal($"{{\"version\": \"{PangyVersion.Current}\", \"length\": 2, \"genome\": \"GRCh38\"}}",
            File.ReadAllText(Path.Combine(dir, "meta.json")));
        Assert.Equal([7u, 9u], NpyArray<uint>.ReadAll(Path.Combine(dir, "segments.npy")));
    }

    [Fact]
    public void A_column_left_out_is_refused()
    {
        var w = IndexDirectoryWriter.Create(StepIndexLayout.Index, _tmp["steps"])
            .Write<uint>(StepIndexLayout.Starts, [1])
            .Write<uint>(StepIndexLayout.Ends, [1]);
        var e = Assert.Throws<InvalidOperationException>(() => w.Finish((StepIndexLayout.LengthKey, 1), (StepIndexLayout.GenomeKey, "g")));
        Assert.Contains("segments", e.Message);
    }

    [Fact]
    public void A_column_of_another_index_is_refused() =>
        Assert.Throws<ArgumentException>(() =>
            IndexDirectoryWriter.Create(StepIndexLayout.Index, _tmp["steps"]).Write<uint>(LinkIndexLayout.FromIds, [1]));

    [Fact]
    public void Meta_keys_other_than_the_described_ones_are_refused()
    {
        var w = IndexDirectoryWriter.Create(LinkIndexLayout.Index, _tmp["links"]);
        foreach (var c in new[] { LinkIndexLayout.FromIds, LinkIndexLayout.ToIds, LinkIndexLayout.SegmentOffsets, LinkIndexLayout.SegmentCounts, LinkIndexLayout.SegmentLinks })
            w.Write<uint>(c, []);
        w.Write<byte>(LinkIndexLayout.FromStrands, []).Write<byte>(LinkIndexLayout.ToStrands, []);
        w.Write<double>(LinkIndexLayout.Frequencies, []);
        Assert.Throws<ArgumentException>(() => w.Finish(("count", 0)));
    }

    public void Dispose() => _tmp.Dispose();
}
