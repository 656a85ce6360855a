using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.Compression;

namespace Pangy.Core.Formats.PathBlocks;

/// <summary>Writes path block files (<see cref="PathBlockFile"/>) from <c>.binpath</c> files.</summary>
public static class PathBlockWriter
{
    /// <summary>
    /// Reads the <c>.binpath</c> in <paramref name="binpath"/> and writes a self-contained (version 1) block file to
    /// <paramref name="output"/>. <paramref name="reference"/> gives each segment's reference bp span (null: no bp bounds).
    /// </summary>
    /// <returns>The subpath's reference bp span, or null when none of its steps is on the reference.</returns>
    public static (long Start, long End)? Write(Stream binpath, string name, Stream output, ReferenceSpans? reference,
        int blockSteps = PathBlockFile.DefaultBlockSteps, CancellationToken cancellationToken = default)
    {
        var w = new BlockWriter(new SelfContainedBlocks(output), output, reference, blockSteps, cancellationToken);
        BinPathReader.Decode(binpath, name, w.Add);
        return w.Finish();
    }

    /// <summary>
    /// Reads the <c>.binpath</c> in <paramref name="binpath"/>, writes the same path to <paramref name="newBinpath"/> as a
    /// gzip member with a full flush after every block, and the table of those blocks (version 2) to
    /// <paramref name="output"/>: the blocks are then the <c>.binpath</c>'s own bytes, stored once.
    /// </summary>
    /// <returns>The subpath's reference bp span, or null when none of its steps is on the reference.</returns>
    public static (long Start, long End)? WriteInBinPath(Stream binpath, string name, Stream newBinpath, Stream output, ReferenceSpans? reference,
        int blockSteps = PathBlockFile.DefaultBlockSteps, CancellationToken cancellationToken = default)
    {
        using var gzip = new FlushedGzipBlocks(newBinpath);
        var w = new BlockWriter(gzip, output, reference, blockSteps, cancellationToken);
        BinPathReader.Decode(binpath, name, w.Add);
        return w.Finish();
    }

    /// <summary>
    /// Writes the self-contained block file of the <c>.binpath</c> at <paramref name="binpath"/> to
    /// <paramref name="blockFile"/>, under a temporary name renamed when complete (so a reader never sees half a file).
    /// For datastores whose <c>.binpath</c> cannot be rewritten (the query server's cache).
    /// </summary>
    /// <returns>The subpath's reference bp span, or null when none of its steps is on the reference.</returns>
    public static (long Start, long End)? WriteFile(string binpath, string blockFile, ReferenceSpans? reference, CancellationToken cancellationToken = default)
    {
        string temp = TempName(blockFile);
        try
        {
            (long, long)? span;
            using (var input = OpenRead(binpath))
            using (var output = CreateNew(temp))
                span = Write(input, Path.GetFileName(binpath), output, reference, PathBlockFile.DefaultBlockSteps, cancellationToken);
            File.Move(temp, blockFile, overwrite: true);
            return span;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Rewrites the <c>.binpath</c> at <paramref name="binpath"/> with a full flush after every block and writes its block
    /// table (version 2) to <paramref name="blockFile"/>; both under temporary names renamed when complete, the
    /// <c>.binpath</c> first. For a chromosome being built, whose files nobody else reads yet.
    /// </summary>
    /// <returns>The subpath's reference bp span, or null when none of its steps is on the reference.</returns>
    public static (long Start, long End)? RewriteInPlace(string binpath, string blockFile, ReferenceSpans? reference, CancellationToken cancellationToken = default)
    {
        string tempBinpath = TempName(binpath), tempBlocks = TempName(blockFile);
        try
        {
            (long, long)? span;
            using (var input = OpenRead(binpath))
            using (var newBinpath = CreateNew(tempBinpath))
            using (var output = CreateNew(tempBlocks))
                span = WriteInBinPath(input, Path.GetFileName(binpath), newBinpath, output, reference, PathBlockFile.DefaultBlockSteps, cancellationToken);
            File.Move(tempBinpath, binpath, overwrite: true);
            File.Move(tempBlocks, blockFile, overwrite: true);
            return span;
        }
        finally
        {
            if (File.Exists(tempBinpath)) File.Delete(tempBinpath);
            if (File.Exists(tempBlocks)) File.Delete(tempBlocks);
        }
    }

    private static string TempName(string path) => path + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".partial";

    private static FileStream OpenRead(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    private static FileStream CreateNew(string path) => new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>Where the compressed blocks go, and which table version describes them.</summary>
    private interface IBlockSink
    {
        uint Version { get; }

        /// <summary>Compresses one block's payload; returns its offset and compressed length.</summary>
        (long Offset, int Length) Add(ReadOnlySpan<byte> payload);

        /// <summary>Ends the block data; returns the table's offset in the block file.</summary>
        long Finish();
    }

    /// <summary>Version 1: each block a raw deflate stream of its own, written into the block file.</summary>
    private sealed class SelfContainedBlocks(Stream output) : IBlockSink
    {
        private long _offset;

        public uint Version => PathBlockFile.SelfContainedVersion;

        public (long, int) Add(ReadOnlySpan<byte> payload)
        {
            var ms = new MemoryStream();
            using (var deflate = new DeflateStream(ms, new ZLibCompressionOptions { CompressionLevel = PathBlockFile.CompressionLevel }, leaveOpen: true))
                deflate.Write(payload);
            output.Write(ms.GetBuffer().AsSpan(0, (int)ms.Length));
            long at = _offset;
            _offset += ms.Length;
            return (at, (int)ms.Length);
        }

        public long Finish() => _offset;
    }

    /// <summary>
    /// Version 2: one gzip member (RFC 1952: a 10-byte header with mtime 0, raw deflate, CRC-32 and length of the
    /// payload) whose deflate stream ends every block on a full flush, so each block can be inflated from its offset.
    /// </summary>
    private sealed class FlushedGzipBlocks(Stream gzip) : IBlockSink, IDisposable
    {
        // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=3 (Unix): constant, so output is deterministic.
        private static ReadOnlySpan<byte> Header => [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];

        private readonly RawDeflater _deflater = new(PathBlockFile.CompressionLevel);
        private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
        private long _offset = -1;
        private uint _crc;
        private long _length;

        public uint Version => PathBlockFile.InBinPathVersion;

        public (long, int) Add(ReadOnlySpan<byte> payload)
        {
            if (_offset < 0) StartMember();
            _crc = Crc32(_crc, payload);
            _length += payload.Length;
            long at = _offset;
            int n = Deflate(payload, DeflateFlush.Full);
            return (at, n);
        }

        public long Finish()
        {
            if (_offset < 0) StartMember();
            Deflate([], DeflateFlush.Finish);
            Span<byte> trailer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)_length);
            gzip.Write(trailer);
            gzip.Flush();
            return 0;
        }

        private void StartMember()
        {
            gzip.Write(Header);
            _offset = Header.Length;
        }

        private int Deflate(ReadOnlySpan<byte> payload, DeflateFlush flush)
        {
            _buffer.ResetWrittenCount();
            _deflater.Write(payload, _buffer, flush);
            gzip.Write(_buffer.WrittenSpan);
            _offset += _buffer.WrittenCount;
            return _buffer.WrittenCount;
        }

        private static unsafe uint Crc32(uint crc, ReadOnlySpan<byte> data)
        {
            fixed (byte* p = data) return ZlibNative.Crc32(crc, p, data.Length);
        }

        public void Dispose() => _deflater.Dispose();
    }

    private sealed class BlockWriter(IBlockSink sink, Stream output, ReferenceSpans? reference, int blockSteps, CancellationToken ct)
    {
        // Larger blocks would be refused by every reader.
        private readonly long[] _steps = new long[blockSteps is > 0 and <= PathBlockFile.MaxBlockSteps ? blockSteps
            : throw new ArgumentOutOfRangeException(nameof(blockSteps), blockSteps, $"1 to {PathBlockFile.MaxBlockSteps} steps per block")];
        private readonly byte[] _payload = new byte[blockSteps * Varint.MaxBytes];
        private readonly List<byte[]> _table = [];
        private int _count;
        private long _total, _previous;
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
            bool inBinPath = sink.Version == PathBlockFile.InBinPathVersion;
            int n = 0;
            uint min = uint.MaxValue, max = 0, minBp = uint.MaxValue, maxBp = 0;
            // Version 1 blocks start afresh (the first step raw); version 2 blocks continue the .binpath's payload, in
            // which only the path's very first step is raw.
            long prev = _previous;
            for (int i = 0; i < _count; i++)
            {
                long c = _steps[i];
                bool raw = inBinPath ? _total == 0 && i == 0 : i == 0;
                n = Varint.Write(_payload, n, raw ? (ulong)c : Varint.ZigZag(c - prev));
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
            var (offset, length) = sink.Add(_payload.AsSpan(0, n));
            var entry = new byte[PathBlockFile.EntrySize(sink.Version)];
            BinaryPrimitives.WriteUInt64LittleEndian(entry, (ulong)offset);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), (uint)_count);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(16), min);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(20), max);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(24), minBp);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(28), maxBp);
            if (inBinPath) BinaryPrimitives.WriteInt64LittleEndian(entry.AsSpan(32), _steps[0]);
            _table.Add(entry);
            _total += _count;
            _previous = prev;
            if (minBp < _pathMinBp) _pathMinBp = minBp;
            if (maxBp > _pathMaxBp) _pathMaxBp = maxBp;
            _count = 0;
        }

        public (long, long)? Finish()
        {
            FlushBlock();
            long tableOffset = sink.Finish();
            foreach (var e in _table) output.Write(e);
            Span<byte> trailer = stackalloc byte[PathBlockFile.TrailerSize];
            BinaryPrimitives.WriteUInt64LittleEndian(trailer, (ulong)tableOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[8..], (uint)_table.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[12..], (uint)_steps.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(trailer[16..], (ulong)_total);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[24..], sink.Version);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[28..], 0);
            PathBlockFile.Magic(sink.Version).CopyTo(trailer[32..]);
            output.Write(trailer);
            output.Flush();
            return _pathMaxBp >= _pathMinBp && _pathMinBp != uint.MaxValue ? (_pathMinBp, _pathMaxBp) : null;
        }
    }
}
