using System.Buffers.Binary;
using Pangy.Core.Datastore;
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

    // Fuzzer findings (ReaderFuzzTests, seed 12): a damaged table entry or trailer escaped as another exception type
    // (InvalidDataException from inflating, ArgumentOutOfRangeException from a negative size) or sized an 8 GB buffer.
    [Fact]
    public void A_damaged_table_or_block_is_bad_input_not_another_exception_or_a_huge_buffer()
    {
        string path = WriteBlocks(3, Reference(), out _);
        var good = File.ReadAllBytes(path);
        int trailer = good.Length - 40, table = (int)BinaryPrimitives.ReadUInt64LittleEndian(good.AsSpan(trailer));

        string Error(Action<byte[]> edit)
        {
            var b = (byte[])good.Clone();
            edit(b);
            File.WriteAllBytes(path, b);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<BadInputException>(() =>
            {
                using var r = PathBlockReader.Open(path);
                var steps = new long[3];
                for (int i = 0; i < r.Blocks.Count; i++) r.Decode(i, steps);
            });
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "a damaged table must not size a large buffer");
            return e.Reason;
        }

        // The first block's bytes garbled: not deflate.
        Assert.Contains("not valid deflate", Error(b => b.AsSpan(0, 4).Fill(0xFF)));
        // A step count beyond the block size, negative, or not adding up to the total.
        Assert.Contains("steps (at most 3", Error(b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(table + 12), 0x8000_0000)));
        Assert.Contains("the trailer says", Error(b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(table + 12), 2)));
        // A negative compressed length.
        Assert.Contains("outside the data", Error(b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(table + 8), 0xFFFF_FFF0)));
        // A table offset and block count that wrap round to the file's length (was: an 8 GB table buffer).
        Assert.Contains("does not fit", Error(b =>
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(trailer + 8), 0xFFFF_FFFF);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(trailer), unchecked((ulong)trailer - 0xFFFF_FFFFUL * 32));
        }));
        // A block size beyond what any reader accepts.
        Assert.Contains("steps per block", Error(b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(trailer + 12), PathBlockFile.MaxBlockSteps + 1)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Writing_a_block_file_leaves_no_partial_file_behind(bool rewriteBinpath)
    {
        string binpath = Path.Combine(_dir, "s__1.binpath");
        File.WriteAllBytes(binpath, BinPathWriter.Encode(Steps));
        string target = Path.Combine(_dir, ChromosomeLayout.PathBlockName("s__1.binpath"));
        var span = rewriteBinpath ? PathBlockWriter.RewriteInPlace(binpath, target, Reference()) : PathBlockWriter.WriteFile(binpath, target, Reference());
        Assert.Equal((101L, 150L), span);
        Assert.Equal([binpath, target], Directory.GetFiles(_dir).Order());
        Assert.Equal(Steps, BinPathReader.ReadFile(binpath));
        using (var reader = PathBlockReader.Open(target, rewriteBinpath ? binpath : null))
            Assert.Equal(7, reader.TotalSteps);
        if (!rewriteBinpath) return;
        var before = File.ReadAllBytes(binpath);
        PathBlockWriter.RewriteInPlace(binpath, target, Reference());
        Assert.Equal(before, File.ReadAllBytes(binpath)); // deterministic, and a rewrite of a rewrite is the same file
    }

    // A longer walk with big jumps (deltas of several varint bytes, both directions) for the version 2 layout.
    private static long[] LongSteps(int n)
    {
        var rng = new Random(13);
        var steps = new long[n];
        for (int i = 0; i < n; i++) steps[i] = PathStep.Combine(rng.Next(1, 1 << 29), rng.Next(4) == 0);
        return steps;
    }

    private static (byte[] Binpath, string BlockFile) WriteInBinPath(string dir, long[] steps, int blockSteps, ReferenceSpans? reference,
        out (long Start, long End)? span)
    {
        var binpath = new MemoryStream();
        string blockFile = Path.Combine(dir, "v2.blk");
        using (var output = File.Create(blockFile))
            span = PathBlockWriter.WriteInBinPath(new MemoryStream(BinPathWriter.Encode(steps)), "p.binpath", binpath, output, reference, blockSteps);
        return (binpath.ToArray(), blockFile);
    }

    [Theory]
    [InlineData(3, 7)]
    [InlineData(1000, 2500)]
    [InlineData(1000, 3000)]
    [InlineData(16_384, 1)]
    public void A_binpath_with_flushed_blocks_is_the_same_path_to_any_gzip_reader_and_its_blocks_decode_alone(int blockSteps, int n)
    {
        var steps = n == 7 ? Steps : LongSteps(n);
        var (bytes, blockFile) = WriteInBinPath(_dir, steps, blockSteps, n == 7 ? Reference() : null, out var span);
        if (n == 7) Assert.Equal((101L, 150L), span);
        // The reference's decoder (§5.1): gunzip the whole file, uvarint c0, then zigzag deltas. GZipStream checks the
        // CRC-32 and length of the member, so the trailer is right too.
        Assert.Equal(steps, BinPathReader.Read(new MemoryStream(bytes), "p.binpath"));
        using (var gz = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress))
        using (var plain = new MemoryStream())
        {
            gz.CopyTo(plain);
            var expected = new MemoryStream();
            using (var reference = new System.IO.Compression.GZipStream(new MemoryStream(BinPathWriter.Encode(steps)), System.IO.Compression.CompressionMode.Decompress))
                reference.CopyTo(expected);
            Assert.Equal(expected.ToArray(), plain.ToArray());
        }
        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 }, bytes[..10]);

        string binpath = Path.Combine(_dir, "v2.binpath");
        File.WriteAllBytes(binpath, bytes);
        using var reader = PathBlockReader.Open(blockFile, binpath);
        Assert.Equal(steps.Length, reader.TotalSteps);
        Assert.Equal((steps.Length + blockSteps - 1) / blockSteps, reader.Blocks.Count);
        // Blocks in reverse order: each inflates from its own offset, with nothing decoded before it.
        var buffer = new long[blockSteps];
        for (int k = reader.Blocks.Count - 1; k >= 0; k--)
        {
            int got = reader.Decode(k, buffer);
            Assert.Equal(steps.Skip(k * blockSteps).Take(blockSteps), buffer.Take(got));
            Assert.Equal(steps[k * blockSteps], reader.Blocks[k].First);
        }
        Assert.Contains("needs the .binpath file", Assert.Throws<BadInputException>(() => PathBlockReader.Open(blockFile)).Message);
        File.WriteAllBytes(binpath, bytes[..(int)reader.Blocks[^1].Offset]);
        Assert.Contains("outside the data", Assert.Throws<BadInputException>(() => PathBlockReader.Open(blockFile, binpath)).Message);
    }

    [Fact]
    public void An_empty_path_rewritten_with_blocks_is_an_empty_gzip_member()
    {
        var (bytes, blockFile) = WriteInBinPath(_dir, [], 3, null, out var span);
        Assert.Null(span);
        Assert.Empty(BinPathReader.Read(new MemoryStream(bytes), "p.binpath"));
        string binpath = Path.Combine(_dir, "empty.binpath");
        File.WriteAllBytes(binpath, bytes);
        using var reader = PathBlockReader.Open(blockFile, binpath);
        Assert.Empty(reader.Blocks);
        Assert.Equal(0, reader.TotalSteps);
    }
}
