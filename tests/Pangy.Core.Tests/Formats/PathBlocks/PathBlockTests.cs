using Pangy.Core.Formats;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.PathBlocks;

namespace Pangy.Core.Tests.Formats.PathBlocks;

public sealed class PathBlockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pangy-blocks").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 7 steps: 5+ 3- 9+ 4+ 8- 2+ 6+; the reference walk covers segments 2..5 (bp 101-140, 2 twice).
    private static readonly long[] Steps =
    [
        PathStep.Combine(5, false), PathStep.Combine(3, true), PathStep.Combine(9, false), PathStep.Combine(4, false),
        PathStep.Combine(8, true), PathStep.Combine(2, false), PathStep.Combine(6, false),
    ];

    private static ReferenceSpans Reference() =>
        ReferenceSpans.Build([2, 3, 4, 5, 2], [101, 111, 121, 131, 141], [110, 120, 130, 140, 150]);

    private string WriteBlocks(int blockSteps, ReferenceSpans? reference, out (long Start, long End)? span)
    {
        string path = Path.Combine(_dir, "p.blk");
        using var output = File.Create(path);
        span = PathBlockWriter.Write(new MemoryStream(BinPathWriter.Encode(Steps)), "p.binpath", output, reference, blockSteps);
        return path;
    }

    [Fact]
    public void Blocks_round_trip_and_bound_their_segments_and_reference_bp()
    {
        string path = WriteBlocks(3, Reference(), out var span);
        Assert.Equal((101L, 150L), span);
        using var reader = PathBlockReader.Open(path);
        Assert.Equal(7, reader.TotalSteps);
        Assert.Equal([3, 3, 1], reader.Blocks.Select(b => b.Steps));
        Assert.Equal([(3u, 9u), (2u, 8u), (6u, 6u)], reader.Blocks.Select(b => (b.MinSegment, b.MaxSegment)));
        // Block 0: 5 (131-140), 3 (111-120); block 1: 4 (121-130), 2 (101-150); block 2: none on the reference.
        Assert.Equal([(111u, 140u), (101u, 150u), (uint.MaxValue, 0u)], reader.Blocks.Select(b => (b.MinBp, b.MaxBp)));
        Assert.Equal((101L, 150L), reader.ReferenceSpan);
        var all = new List<long>();
        var buffer = new long[3];
        for (int k = 0; k < reader.Blocks.Count; k++) all.AddRange(buffer.Take(reader.Decode(k, buffer)));
        Assert.Equal(Steps, all);
    }

    [Fact]
    public void Without_a_reference_there_is_no_span()
    {
        string path = WriteBlocks(PathBlockFile.DefaultBlockSteps, null, out var span);
        Assert.Null(span);
        using var reader = PathBlockReader.Open(path);
        Assert.Single(reader.Blocks);
        Assert.Null(reader.ReferenceSpan);
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_bad_input()
    {
        string path = WriteBlocks(3, Reference(), out _);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^1]);
        Assert.Contains("bad trailer", Assert.Throws<BadInputException>(() => PathBlockReader.Open(path)).Message);
        File.WriteAllBytes(path, bytes[..10]);
        Assert.Contains("too short", Assert.Throws<BadInputException>(() => PathBlockReader.Open(path)).Message);
        File.WriteAllBytes(path, bytes[1..]);
        Assert.Contains("does not fit", Assert.Throws<BadInputException>(() => PathBlockReader.Open(path)).Message);
    }

    [Fact]
    public void WriteFile_leaves_no_partial_file_behind()
    {
        string binpath = Path.Combine(_dir, "s__1.binpath");
        File.WriteAllBytes(binpath, BinPathWriter.Encode(Steps));
        string target = Path.Combine(_dir, "s__1.binpath" + PathBlockFile.Extension);
        Assert.Equal((101L, 150L), PathBlockWriter.WriteFile(binpath, target, Reference()));
        Assert.Equal([binpath, target], Directory.GetFiles(_dir).Order());
        using var reader = PathBlockReader.Open(target);
        Assert.Equal(7, reader.TotalSteps);
    }
}
