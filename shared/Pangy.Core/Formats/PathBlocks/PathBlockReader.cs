using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Win32.SafeHandles;
using Pangy.Core.Formats.BinPath;

namespace Pangy.Core.Formats.PathBlocks;

/// <summary>An open path block file (<see cref="PathBlockFile"/>): its table in memory, blocks read on demand. Thread-safe.</summary>
public sealed class PathBlockReader : IDisposable
{
    private readonly SafeFileHandle _handle;

    private PathBlockReader(SafeFileHandle handle, string path, PathBlock[] blocks, long totalSteps)
    {
        _handle = handle;
        Path = path;
        Blocks = blocks;
        TotalSteps = totalSteps;
    }

    public string Path { get; }
    public IReadOnlyList<PathBlock> Blocks { get; }
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
    public static PathBlockReader Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            long length = RandomAccess.GetLength(handle);
            if (length < PathBlockFile.TrailerSize) throw new BadInputException(path, null, "not a path block file (too short)");
            Span<byte> trailer = stackalloc byte[PathBlockFile.TrailerSize];
            RandomAccess.Read(handle, trailer, length - PathBlockFile.TrailerSize);
            if (!trailer[32..].SequenceEqual(PathBlockFile.Magic) || BinaryPrimitives.ReadUInt32LittleEndian(trailer[24..]) != PathBlockFile.Version)
                throw new BadInputException(path, null, "not a path block file (bad trailer)");
            long tableOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(trailer);
            int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(trailer[8..]);
            long total = (long)BinaryPrimitives.ReadUInt64LittleEndian(trailer[16..]);
            if (tableOffset + (long)count * PathBlockFile.EntrySize != length - PathBlockFile.TrailerSize)
                throw new BadInputException(path, null, "path block file table does not fit the file");
            var table = new byte[count * PathBlockFile.EntrySize];
            RandomAccess.Read(handle, table, tableOffset);
            var blocks = new PathBlock[count];
            for (int i = 0; i < count; i++)
            {
                var e = table.AsSpan(i * PathBlockFile.EntrySize, PathBlockFile.EntrySize);
                blocks[i] = new PathBlock((long)BinaryPrimitives.ReadUInt64LittleEndian(e), (int)BinaryPrimitives.ReadUInt32LittleEndian(e[8..]),
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(e[12..]), BinaryPrimitives.ReadUInt32LittleEndian(e[16..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(e[20..]), BinaryPrimitives.ReadUInt32LittleEndian(e[24..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(e[28..]));
                if (blocks[i].Offset + blocks[i].CompressedLength > tableOffset)
                    throw new BadInputException(path, null, $"path block {i} lies outside the data");
            }
            return new PathBlockReader(handle, path, blocks, total);
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
