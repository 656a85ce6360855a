using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Win32.SafeHandles;
using Pangy.Core.Datastore;
using Pangy.Core.Formats.BinPath;

namespace Pangy.Core.Formats.PathBlocks;

/// <summary>
/// An open path block file (<see cref="PathBlockFile"/>): its table in memory, blocks read on demand from the block file
/// (version 1) or from the <c>.binpath</c> it indexes (version 2). Thread-safe.
/// </summary>
public sealed class PathBlockReader : IDisposable
{
    // A final empty block (BFINAL=1, fixed Huffman, end-of-block code): closes a version 2 block, which ends on a full
    // flush's empty stored block, into a complete raw deflate stream.
    private static ReadOnlySpan<byte> FinalEmptyBlock => [0x03, 0x00];

    private readonly SafeFileHandle _handle;
    private readonly uint _version;

    private PathBlockReader(SafeFileHandle handle, string path, uint version, PathBlock[] blocks, long totalSteps)
    {
        _handle = handle;
        _version = version;
        Path = path;
        Blocks = blocks;
        TotalSteps = totalSteps;
    }

    /// <summary>The file the blocks are read from: the block file (version 1) or the <c>.binpath</c> (version 2).</summary>
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

    /// <summary>
    /// Opens and checks a block file. <paramref name="binpath"/> is the <c>.binpath</c> it indexes, where a version 2
    /// file's blocks are (a version 1 file does not need it).
    /// </summary>
    /// <exception cref="BadInputException">The file is not a block file, is truncated, or its blocks lie outside the data.</exception>
    public static PathBlockReader Open(string path, string? binpath = null)
    {
        PathBlock[] blocks;
        long total;
        uint version;
        long dataLength;
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete))
        {
            long length = RandomAccess.GetLength(handle);
            if (length < PathBlockFile.TrailerSize) throw new BadInputException(path, null, "not a path block file (too short)");
            Span<byte> trailer = stackalloc byte[PathBlockFile.TrailerSize];
            RandomAccess.Read(handle, trailer, length - PathBlockFile.TrailerSize);
            version = BinaryPrimitives.ReadUInt32LittleEndian(trailer[24..]);
            if (version is not (PathBlockFile.SelfContainedVersion or PathBlockFile.InBinPathVersion) || !trailer[32..].SequenceEqual(PathBlockFile.Magic(version)))
                throw new BadInputException(path, null, "not a path block file (bad trailer)");
            ulong tableOffset = BinaryPrimitives.ReadUInt64LittleEndian(trailer);
            ulong count = BinaryPrimitives.ReadUInt32LittleEndian(trailer[8..]);
            uint blockSteps = BinaryPrimitives.ReadUInt32LittleEndian(trailer[12..]);
            ulong totalSteps = BinaryPrimitives.ReadUInt64LittleEndian(trailer[16..]);
            int entrySize = PathBlockFile.EntrySize(version);
            // Unsigned sums of 32-bit counts and a 64-bit offset checked against the file's length: a damaged trailer
            // can neither wrap round nor make the table read larger than the file.
            if (tableOffset > (ulong)length || tableOffset + count * (ulong)entrySize != (ulong)(length - PathBlockFile.TrailerSize))
                throw new BadInputException(path, null, "path block file table does not fit the file");
            if (blockSteps is 0 or > PathBlockFile.MaxBlockSteps)
                throw new BadInputException(path, null, $"path block file says {blockSteps} steps per block (1 to {PathBlockFile.MaxBlockSteps} are valid)");
            if (totalSteps > count * blockSteps)
                throw new BadInputException(path, null, $"path block file says {totalSteps} steps in {count} blocks of at most {blockSteps}");
            total = (long)totalSteps;
            var table = new byte[(int)count * entrySize];
            RandomAccess.Read(handle, table, (long)tableOffset);
            blocks = new PathBlock[(int)count];
            for (int i = 0; i < blocks.Length; i++)
            {
                var e = table.AsSpan(i * entrySize, entrySize);
                blocks[i] = new PathBlock((long)BinaryPrimitives.ReadUInt64LittleEndian(e), (int)BinaryPrimitives.ReadUInt32LittleEndian(e[8..]),
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(e[12..]), BinaryPrimitives.ReadUInt32LittleEndian(e[16..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(e[20..]), BinaryPrimitives.ReadUInt32LittleEndian(e[24..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(e[28..]),
                    version == PathBlockFile.InBinPathVersion ? BinaryPrimitives.ReadInt64LittleEndian(e[32..]) : 0);
            }
            CheckCounts(path, blocks, blockSteps, total);
            if (version == PathBlockFile.SelfContainedVersion)
            {
                CheckInside(path, blocks, (long)tableOffset);
                return new PathBlockReader(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete), path, version, blocks, total);
            }
        }
        if (binpath is null) throw new BadInputException(path, null, $"a version 2 path block file needs the {ChromosomeLayout.BinPathExtension} file it indexes");
        var data = File.OpenHandle(binpath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            dataLength = RandomAccess.GetLength(data);
            CheckInside(path, blocks, dataLength);
            return new PathBlockReader(data, binpath, version, blocks, total);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    private static void CheckInside(string path, PathBlock[] blocks, long dataLength)
    {
        for (int i = 0; i < blocks.Length; i++)
            if (blocks[i].Offset < 0 || blocks[i].CompressedLength < 0 || blocks[i].Offset > dataLength - blocks[i].CompressedLength)
                throw new BadInputException(path, null, $"path block {i} lies outside the data");
    }

    // Every block's step count within the trailer's block size, and the counts adding up to the total: a decode then
    // never sizes a buffer from a damaged entry.
    private static void CheckCounts(string path, PathBlock[] blocks, uint blockSteps, long total)
    {
        long sum = 0;
        for (int i = 0; i < blocks.Length; i++)
        {
            if (blocks[i].Steps < 0 || blocks[i].Steps > blockSteps)
                throw new BadInputException(path, null, $"path block {i} says {blocks[i].Steps} steps (at most {blockSteps} per block)");
            sum += blocks[i].Steps;
        }
        if (sum != total) throw new BadInputException(path, null, $"path blocks hold {sum} steps, the trailer says {total}");
    }

    /// <summary>Decodes block <paramref name="index"/> into <paramref name="destination"/> (at least its step count long).</summary>
    public int Decode(int index, Span<long> destination)
    {
        var b = Blocks[index];
        bool inBinPath = _version == PathBlockFile.InBinPathVersion;
        int length = b.CompressedLength + (inBinPath ? FinalEmptyBlock.Length : 0);
        // Pooled buffers: a block's payload is ~160 KB, which would otherwise land on the large object heap per call.
        byte[] compressed = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        byte[] payload = System.Buffers.ArrayPool<byte>.Shared.Rent(b.Steps * Varint.MaxBytes);
        try
        {
            RandomAccess.Read(_handle, compressed.AsSpan(0, b.CompressedLength), b.Offset);
            if (inBinPath) FinalEmptyBlock.CopyTo(compressed.AsSpan(b.CompressedLength));
            int n;
            try
            {
                using var inflate = new DeflateStream(new MemoryStream(compressed, 0, length), CompressionMode.Decompress);
                n = inflate.ReadAtLeast(payload, b.Steps * Varint.MaxBytes, throwOnEndOfStream: false);
            }
            catch (InvalidDataException e) { throw new BadInputException(Path, null, $"block {index} is not valid deflate data ({e.Message})"); }
            int pos = 0, k = 0;
            long prev = 0;
            var span = payload.AsSpan(0, n);
            while (k < b.Steps && Varint.TryRead(span, ref pos, out ulong v))
            {
                // A version 2 block's first varint is relative to the step before the block; the entry has the step.
                long c = k > 0 ? prev + Varint.UnZigZag(v) : inBinPath ? b.First : (long)v;
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
