using System.Buffers.Binary;
using System.IO.Compression;
using Pangy.Core.Formats.BinPath;

namespace Pangy.Core.Formats.PathBlocks;

/// <summary>Writes path block files (<see cref="PathBlockFile"/>) from <c>.binpath</c> files.</summary>
public static class PathBlockWriter
{
    /// <summary>
    /// Reads the <c>.binpath</c> in <paramref name="binpath"/> and writes its block file to <paramref name="output"/>.
    /// <paramref name="reference"/> gives each segment's reference bp span (null: no bp bounds).
    /// </summary>
    /// <returns>The subpath's reference bp span, or null when none of its steps is on the reference.</returns>
    public static (long Start, long End)? Write(Stream binpath, string name, Stream output, ReferenceSpans? reference,
        int blockSteps = PathBlockFile.DefaultBlockSteps, CancellationToken cancellationToken = default)
    {
        var w = new BlockWriter(output, reference, blockSteps, cancellationToken);
        BinPathReader.Decode(binpath, name, w.Add);
        return w.Finish();
    }

    /// <summary>
    /// Writes the block file of the <c>.binpath</c> at <paramref name="binpath"/> to <paramref name="blockFile"/>, under
    /// a temporary name renamed when complete (so a reader never sees half a file).
    /// </summary>
    /// <returns>The subpath's reference bp span, or null when none of its steps is on the reference.</returns>
    public static (long Start, long End)? WriteFile(string binpath, string blockFile, ReferenceSpans? reference, CancellationToken cancellationToken = default)
    {
        string temp = blockFile + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".partial";
        try
        {
            (long, long)? span;
            using (var input = new FileStream(binpath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                span = Write(input, Path.GetFileName(binpath), output, reference, PathBlockFile.DefaultBlockSteps, cancellationToken);
            File.Move(temp, blockFile, overwrite: true);
            return span;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
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
            using (var deflate = new DeflateStream(ms, new ZLibCompressionOptions { CompressionLevel = PathBlockFile.CompressionLevel }, leaveOpen: true)) deflate.Write(_payload, 0, n);
            var compressed = ms.GetBuffer().AsSpan(0, (int)ms.Length);
            output.Write(compressed);
            var entry = new byte[PathBlockFile.EntrySize];
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
            Span<byte> trailer = stackalloc byte[PathBlockFile.TrailerSize];
            BinaryPrimitives.WriteUInt64LittleEndian(trailer, (ulong)tableOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[8..], (uint)_table.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[12..], (uint)_steps.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(trailer[16..], (ulong)_total);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[24..], PathBlockFile.Version);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[28..], 0);
            PathBlockFile.Magic.CopyTo(trailer[32..]);
            output.Write(trailer);
            output.Flush();
            return _pathMaxBp >= _pathMinBp && _pathMinBp != uint.MaxValue ? (_pathMinBp, _pathMaxBp) : null;
        }
    }
}
