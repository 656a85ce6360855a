using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Win32.SafeHandles;
using Pangy.Core.Formats;
using Pangy.Core.Formats.BinPath;

namespace Pangy.Core.Query;

/// <summary>
/// A path re-cut into independently compressed blocks so that a window can be read without decoding the whole path
/// (region <c>/path-data</c>, exports). Pangy's own file, <c>paths/blocks/{binpath file}.blk</c>, beside the
/// reference's <c>.binpath</c> (which stays the file whole-path requests stream as is).
/// </summary>
/// <remarks>
/// Layout, little-endian: the blocks, each a raw deflate stream of the binpath payload of up to
/// <see cref="DefaultBlockSteps"/> steps (first step raw, then zigzag deltas, §5.1); then one 32-byte entry per block
/// (u64 offset, u32 compressed length, u32 steps, u32 min segment id, u32 max segment id, u32 smallest reference bp
/// start, u32 largest reference bp end — 0xFFFFFFFF and 0 when no step of the block is on the reference); then a
/// 40-byte trailer (u64 table offset, u32 blocks, u32 block steps, u64 total steps, u32 format version 1, u32 0,
/// <c>PGYBLKv1</c>). A block may hold a step of a segment only if that id lies in its [min, max], so a reader can skip
/// every block whose id range misses the segments it wants; the bp bounds give the subpath's reference span
/// (<c>/path-meta</c>'s bp_start/bp_end) without decoding anything.
/// </remarks>
public static class PathBlockFile
{
    public const int DefaultBlockSteps = 16_384;
    public const string DirectoryName = "blocks";
    public const string Extension = ".blk";
    private const int EntrySize = 32;
    private const int TrailerSize = 40;
    private static ReadOnlySpan<byte> Magic => "PGYBLKv1"u8;

    /// <summary>
    /// Reads the <c>.binpath</c> in <paramref name="binpath"/> and writes its block file to <paramref name="output"/>.
    /// <paramref name="reference"/> gives each segment's reference bp span (null: no bp bounds).
    /// </summary>
    /// <returns>The subpath's reference bp span, or null when none of its steps is on the reference.</returns>
    public static (long Start, long End)? Write(Stream binpath, string name, Stream output, ReferenceSpans? reference,
        int blockSteps = DefaultBlockSteps, CancellationToken cancellationToken = default)
    {
        var w = new BlockWriter(output, reference, blockSteps, cancellationToken);
        BinPathReader.Decode(binpath, name, w.Add);
        return w.Finish();
    }

    private sealed class BlockWriter(Stream output, ReferenceSpans? reference, int blockSteps, CancellationToken ct)
    {
        private readonly long[] _steps = new long[blockSteps];
        private readonly byte[] _payload = new byte[blockSteps * Varint.MaxBytes];
        private readonly List<byte[]> _table = [];
        private int _count;
        private long _offset, _total;
        private uint _pathMinBp = uint.MaxValue, _pathMaxBp;

        public void Add(long combined)
        {
            _steps[_count++] = combined;
            if (_count == _steps.Length) FlushBlock();
        }

        private void FlushBlock()
        {
            if (_count == 0) return;
            ct.ThrowIfCancellationRequested();
            int n = 0;
            uint min = uint.MaxValue, max = 0, minBp = uint.MaxValue, maxBp = 0;
            long prev = 0;
            for (int i = 0; i < _count; i++)
            {
                long c = _steps[i];
                n = Varint.Write(_payload, n, i == 0 ? (ulong)c : Varint.ZigZag(c - prev));
                prev = c;
                uint seg = (uint)PathStep.SegmentId(c);
                if (seg < min) min = seg;
                if (seg > max) max = seg;
                if (reference is not null && reference.TryGet(seg, out uint s, out uint e))
                {
                    if (s < minBp) minBp = s;
                    if (e > maxBp) maxBp = e;
                }
            }
            var ms = new MemoryStream();
            using (var deflate = new DeflateStream(ms, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(_payload, 0, n);
            var compressed = ms.GetBuffer().AsSpan(0, (int)ms.Length);
            output.Write(compressed);
            var entry = new byte[EntrySize];
            BinaryPrimitives.WriteUInt64LittleEndian(entry, (ulong)_offset);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), (uint)compressed.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), (uint)_count);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(16), min);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(20), max);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(24), minBp);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(28), maxBp);
            _table.Add(entry);
            _offset += compressed.Length;
            _total += _count;
            if (minBp < _pathMinBp) _pathMinBp = minBp;
            if (maxBp > _pathMaxBp) _pathMaxBp = maxBp;
            _count = 0;
        }

        public (long, long)? Finish()
        {
            FlushBlock();
            long tableOffset = _offset;
            foreach (var e in _table) output.Write(e);
            Span<byte> trailer = stackalloc byte[TrailerSize];
            BinaryPrimitives.WriteUInt64LittleEndian(trailer, (ulong)tableOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[8..], (uint)_table.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[12..], (uint)_steps.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(trailer[16..], (ulong)_total);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[24..], 1);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[28..], 0);
            Magic.CopyTo(trailer[32..]);
            output.Write(trailer);
            output.Flush();
            return _pathMaxBp >= _pathMinBp && _pathMinBp != uint.MaxValue ? (_pathMinBp, _pathMaxBp) : null;
        }
    }

    /// <summary>One block's table entry.</summary>
    public readonly record struct Block(long Offset, int CompressedLength, int Steps, uint MinSegment, uint MaxSegment, uint MinBp, uint MaxBp);

    /// <summary>An open block file: its table in memory, blocks read on demand. Thread-safe.</summary>
    public sealed class Reader : IDisposable
    {
        private readonly SafeFileHandle _handle;

        private Reader(SafeFileHandle handle, string path, Block[] blocks, long totalSteps)
        {
            _handle = handle;
            Path = path;
            Blocks = blocks;
            TotalSteps = totalSteps;
        }

        public string Path { get; }
        public IReadOnlyList<Block> Blocks { get; }
        public long TotalSteps { get; }

        /// <summary>The subpath's reference bp span, or null when no step is on the reference.</summary>
        public (long Start, long End)? ReferenceSpan
        {
            get
            {
                uint min = uint.MaxValue, max = 0;
                foreach (var b in Blocks) { if (b.MinBp < min) min = b.MinBp; if (b.MaxBp > max) max = b.MaxBp; }
                return min == uint.MaxValue ? null : (min, max);
            }
        }

        /// <summary>Opens and checks a block file.</summary>
        /// <exception cref="BadInputException">The file is not a block file or is truncated.</exception>
        public static Reader Open(string path)
        {
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            try
            {
                long length = RandomAccess.GetLength(handle);
                if (length < TrailerSize) throw new BadInputException(path, null, "not a path block file (too short)");
                Span<byte> trailer = stackalloc byte[TrailerSize];
                RandomAccess.Read(handle, trailer, length - TrailerSize);
                if (!trailer[32..].SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32LittleEndian(trailer[24..]) != 1)
                    throw new BadInputException(path, null, "not a path block file (bad trailer)");
                long tableOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(trailer);
                int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(trailer[8..]);
                long total = (long)BinaryPrimitives.ReadUInt64LittleEndian(trailer[16..]);
                if (tableOffset + (long)count * EntrySize != length - TrailerSize)
                    throw new BadInputException(path, null, "path block file table does not fit the file");
                var table = new byte[count * EntrySize];
                RandomAccess.Read(handle, table, tableOffset);
                var blocks = new Block[count];
                for (int i = 0; i < count; i++)
                {
                    var e = table.AsSpan(i * EntrySize, EntrySize);
                    blocks[i] = new Block((long)BinaryPrimitives.ReadUInt64LittleEndian(e), (int)BinaryPrimitives.ReadUInt32LittleEndian(e[8..]),
                        (int)BinaryPrimitives.ReadUInt32LittleEndian(e[12..]), BinaryPrimitives.ReadUInt32LittleEndian(e[16..]),
                        BinaryPrimitives.ReadUInt32LittleEndian(e[20..]), BinaryPrimitives.ReadUInt32LittleEndian(e[24..]),
                        BinaryPrimitives.ReadUInt32LittleEndian(e[28..]));
                    if (blocks[i].Offset + blocks[i].CompressedLength > tableOffset)
                        throw new BadInputException(path, null, $"path block {i} lies outside the data");
                }
                return new Reader(handle, path, blocks, total);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        /// <summary>Decodes block <paramref name="index"/> into <paramref name="destination"/> (at least its step count long).</summary>
        public int Decode(int index, Span<long> destination)
        {
            var b = Blocks[index];
            // Pooled buffers: a block's payload is ~160 KB, which would otherwise land on the large object heap per call.
            byte[] compressed = System.Buffers.ArrayPool<byte>.Shared.Rent(b.CompressedLength);
            byte[] payload = System.Buffers.ArrayPool<byte>.Shared.Rent(b.Steps * Varint.MaxBytes);
            try
            {
                RandomAccess.Read(_handle, compressed.AsSpan(0, b.CompressedLength), b.Offset);
                int n;
                using (var inflate = new DeflateStream(new MemoryStream(compressed, 0, b.CompressedLength), CompressionMode.Decompress))
                    n = inflate.ReadAtLeast(payload, b.Steps * Varint.MaxBytes, throwOnEndOfStream: false);
                int pos = 0, k = 0;
                long prev = 0;
                var span = payload.AsSpan(0, n);
                while (k < b.Steps && Varint.TryRead(span, ref pos, out ulong v))
                {
                    long c = k == 0 ? (long)v : prev + Varint.UnZigZag(v);
                    destination[k++] = c;
                    prev = c;
                }
                if (k != b.Steps) throw new BadInputException(Path, null, $"block {index} holds {k} steps, its entry says {b.Steps}");
                return k;
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(compressed);
                System.Buffers.ArrayPool<byte>.Shared.Return(payload);
            }
        }

        public void Dispose() => _handle.Dispose();
    }
}

/// <summary>Each segment's reference bp span: the smallest start and largest end over its reference steps (§5.4).</summary>
public sealed class ReferenceSpans
{
    private readonly uint[] _start, _end;

    private ReferenceSpans(uint[] start, uint[] end) { _start = start; _end = end; }

    /// <summary>Builds the spans from the reference walk.</summary>
    public static ReferenceSpans Build(ReadOnlySpan<uint> stepSegments, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> ends)
    {
        uint max = 0;
        foreach (uint s in stepSegments) if (s > max) max = s;
        var start = new uint[max + 1];
        var end = new uint[max + 1];
        start.AsSpan().Fill(uint.MaxValue);
        for (int i = 0; i < stepSegments.Length; i++)
        {
            uint seg = stepSegments[i];
            if (starts[i] < start[seg]) start[seg] = starts[i];
            if (ends[i] > end[seg]) end[seg] = ends[i];
        }
        return new ReferenceSpans(start, end);
    }

    public bool TryGet(uint segment, out uint start, out uint end)
    {
        if (segment < _start.Length && _start[segment] != uint.MaxValue)
        {
            start = _start[segment];
            end = _end[segment];
            return true;
        }
        start = end = 0;
        return false;
    }
}
