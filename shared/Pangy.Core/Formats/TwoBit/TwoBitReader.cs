using System.Globalization;
using System.IO.MemoryMappedFiles;

namespace Pangy.Core.Formats.TwoBit;

/// <summary>
/// Random access to the sequences of a UCSC .2bit file. The file is memory-mapped: opening reads the header and the
/// index only, each sequence's block lists are read the first time it is asked for, and a window reads just the bytes
/// it covers. Versions 0 and 1 and either byte order are read, as kent's <c>twoBit.c</c> does. Thread-safe.
/// </summary>
/// <remarks>
/// Bad data is a <see cref="BadInputException"/> naming the file and the byte offset of the field that is wrong: a
/// wrong signature, an unknown version, an index or record past the end of the file, blocks out of order or past the
/// sequence's end.
/// </remarks>
public sealed unsafe class TwoBitReader : IDisposable
{
    private readonly string _fileName;
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _base;
    private readonly long _size;
    private readonly bool _swapped;
    private readonly long[] _offsets;
    private readonly TwoBitRecord?[] _records;
    private readonly Dictionary<string, int> _byName;
    private int _disposed;

    private TwoBitReader(string path)
    {
        _fileName = path;
        var info = Storage.FileTarget.Of(path); // a genome linked into the asset cache has the size of the file it leads to
        if (!info.Exists) throw new FileNotFoundException($"{path}: no such file", path);
        _size = info.Length;
        if (_size < TwoBitLayout.HeaderSize) Fail(0, $"{_size} bytes is too short for a .2bit header ({TwoBitLayout.HeaderSize} bytes)");
        _map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* p = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            _base = p + _view.PointerOffset;

            uint signature = TwoBitLayout.ReadUInt32(Span(0, 4), swapped: false);
            _swapped = signature switch
            {
                TwoBitLayout.Signature => false,
                TwoBitLayout.SwappedSignature => true,
                _ => throw Error(0, $"not a .2bit file (signature 0x{signature:X8}, expected 0x{TwoBitLayout.Signature:X8})"),
            };
            Version = U32(4);
            if (Version > TwoBitLayout.MaxVersion)
                Fail(4, $"version {Version} is not supported (0 or 1: 32- or 64-bit offsets)");
            uint count = U32(8);
            int offsetSize = Version == 1 ? 8 : 4;
            // Each index entry takes at least 1 + offsetSize bytes: a count beyond that cannot be real.
            if (count > (_size - TwoBitLayout.HeaderSize) / (1 + offsetSize))
                Fail(8, $"sequence count {count} does not fit in a {_size}-byte file");
            _offsets = new long[count];
            _records = new TwoBitRecord?[count];
            _byName = new Dictionary<string, int>((int)count, StringComparer.Ordinal);
            var sequences = new TwoBitSequence[count];
            long at = TwoBitLayout.HeaderSize;
            var names = new string[count];
            for (int i = 0; i < count; i++)
            {
                Need(at, 1, "index entry");
                int nameSize = _base[at];
                Need(at + 1, nameSize + offsetSize, "index entry");
                string name = System.Text.Encoding.ASCII.GetString(Span(at + 1, nameSize));
                if (nameSize == 0) Fail(at, $"index entry {i} has an empty name");
                if (!_byName.TryAdd(name, i)) Fail(at, $"sequence '{name}' is listed twice");
                // Compared unsigned: a version 1 offset of 2^63 or more must be refused, not overflow a cast.
                ulong offset = Version == 1 ? U64(at + 1 + nameSize) : U32(at + 1 + nameSize);
                if (offset < (ulong)at || offset > (ulong)(_size - 16)) Fail(at + 1 + nameSize, $"offset {offset} of sequence '{name}' is outside the file's records");
                _offsets[i] = (long)offset;
                names[i] = name;
                at += 1 + nameSize + offsetSize;
            }
            for (int i = 0; i < count; i++)
            {
                uint length = U32(_offsets[i]);
                sequences[i] = new TwoBitSequence(names[i], length);
            }
            Sequences = sequences;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Maps <paramref name="path"/> and reads its header and index.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="BadInputException">The file is not a readable .2bit (the message says where and why).</exception>
    public static TwoBitReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new TwoBitReader(path);
    }

    /// <summary>0 (32-bit offsets) or 1 (64-bit offsets).</summary>
    public uint Version { get; }

    /// <summary>True when the file's integers are in the other byte order than little-endian.</summary>
    public bool IsBigEndian => _swapped;

    /// <summary>The sequences in the file's index order.</summary>
    public IReadOnlyList<TwoBitSequence> Sequences { get; }

    /// <summary>True when the file holds a sequence of that exact name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The length of sequence <paramref name="name"/>, or null when the file has none of that name.</summary>
    public long? LengthOf(string name) => _byName.TryGetValue(name, out int i) ? Sequences[i].Length : null;

    /// <summary>
    /// Writes bases <paramref name="start"/> (0-based, inclusive) to <paramref name="end"/> (exclusive) of sequence
    /// <paramref name="name"/> into <paramref name="destination"/> as ASCII: <c>ACGT</c>, <c>N</c> in N blocks, and
    /// lower case in soft-masked blocks when <paramref name="softMask"/> is set (upper case otherwise).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The file has no sequence of that name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The window is not inside the sequence, or the destination is too short.</exception>
    public void Read(string name, long start, long end, Span<byte> destination, bool softMask = true)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_byName.TryGetValue(name, out int index))
            throw new KeyNotFoundException($"{_fileName}: no sequence '{name}'");
        var record = Record(index);
        if (start < 0 || end < start || end > record.Length)
            throw new ArgumentOutOfRangeException(nameof(end), $"window [{start}, {end}) is outside {name} (0–{record.Length})");
        int count = checked((int)(end - start));
        if (destination.Length < count) throw new ArgumentOutOfRangeException(nameof(destination), "destination is shorter than the window");
        var dest = destination[..count];
        Unpack(_base + record.PackedOffset, start, dest);
        Overlay(record.NStarts, record.NSizes, start, dest, mask: false);
        if (softMask) Overlay(record.MaskStarts, record.MaskSizes, start, dest, mask: true);
    }

    /// <summary>The window as a string (see <see cref="Read"/>).</summary>
    public string ReadString(string name, long start, long end, bool softMask = true)
    {
        var buffer = new byte[checked((int)Math.Max(0, end - start))];
        Read(name, start, end, buffer, softMask);
        return System.Text.Encoding.ASCII.GetString(buffer);
    }

    private static readonly uint[] FourBases = BuildFourBases();

    private static uint[] BuildFourBases()
    {
        // Byte → its four bases as one little-endian word, first base in the lowest byte (the first in memory).
        var table = new uint[256];
        for (int b = 0; b < 256; b++)
        {
            uint word = 0;
            for (int k = 0; k < 4; k++) word |= (uint)TwoBitLayout.Bases[(b >> (6 - 2 * k)) & 3] << (8 * k);
            table[b] = word;
        }
        return table;
    }

    private static void Unpack(byte* packed, long start, Span<byte> dest)
    {
        long pos = start;
        int i = 0;
        // Bases before the first whole byte.
        while (i < dest.Length && (pos & 3) != 0)
        {
            dest[i++] = TwoBitLayout.Bases[(packed[pos >> 2] >> (6 - 2 * (int)(pos & 3))) & 3];
            pos++;
        }
        var table = FourBases;
        fixed (byte* d = dest)
        {
            while (dest.Length - i >= 4)
            {
                uint word = table[packed[pos >> 2]];
                if (!BitConverter.IsLittleEndian) word = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(word);
                *(uint*)(d + i) = word;
                i += 4;
                pos += 4;
            }
        }
        while (i < dest.Length)
        {
            dest[i++] = TwoBitLayout.Bases[(packed[pos >> 2] >> (6 - 2 * (int)(pos & 3))) & 3];
            pos++;
        }
    }

    /// <summary>Writes N over, or lower-cases, the parts of the blocks that fall in the window.</summary>
    private static void Overlay(uint[] starts, uint[] sizes, long windowStart, Span<byte> dest, bool mask)
    {
        long windowEnd = windowStart + dest.Length;
        // The last block starting at or before the window; an earlier one cannot reach further (blocks are sorted
        // and do not overlap), but that one may cover the window's start.
        int lo = Array.BinarySearch(starts, (uint)Math.Min(windowStart, uint.MaxValue));
        int k = lo >= 0 ? lo : Math.Max(0, ~lo - 1);
        for (; k < starts.Length && starts[k] < windowEnd; k++)
        {
            long s = Math.Max(starts[k], windowStart), e = Math.Min((long)starts[k] + sizes[k], windowEnd);
            if (e <= s) continue;
            var span = dest[(int)(s - windowStart)..(int)(e - windowStart)];
            if (mask)
                for (int j = 0; j < span.Length; j++) span[j] |= 0x20;
            else
                span.Fill((byte)'N');
        }
    }

    private TwoBitRecord Record(int index)
    {
        var r = Volatile.Read(ref _records[index]);
        if (r is not null) return r;
        r = ParseRecord(index);
        Interlocked.CompareExchange(ref _records[index], r, null);
        return _records[index]!;
    }

    private TwoBitRecord ParseRecord(int index)
    {
        string name = Sequences[index].Name;
        long at = _offsets[index];
        Need(at, 8, $"record of '{name}'");
        long length = U32(at);
        var (nStarts, nSizes, next) = Blocks(at + 4, name, "N", length);
        var (mStarts, mSizes, after) = Blocks(next, name, "mask", length);
        Need(after, 4, $"record of '{name}'");
        long packed = after + 4;
        long packedSize = (length + 3) / 4;
        Need(packed, packedSize, $"bases of '{name}'");
        return new TwoBitRecord(length, nStarts, nSizes, mStarts, mSizes, packed);
    }

    private (uint[] Starts, uint[] Sizes, long Next) Blocks(long at, string name, string kind, long length)
    {
        Need(at, 4, $"{kind} block count of '{name}'");
        uint count = U32(at);
        if (count > (_size - at - 4) / 8) Fail(at, $"{kind} block count {count} of '{name}' does not fit in the file");
        var starts = new uint[count];
        var sizes = new uint[count];
        long s0 = at + 4, z0 = s0 + 4L * count;
        long previousEnd = 0;
        for (int i = 0; i < count; i++)
        {
            starts[i] = U32(s0 + 4L * i);
            sizes[i] = U32(z0 + 4L * i);
            long end = (long)starts[i] + sizes[i];
            if (starts[i] < previousEnd)
                Fail(s0 + 4L * i, $"{kind} block {i} of '{name}' starts at {starts[i]}, before the previous block's end {previousEnd}");
            if (end > length)
                Fail(z0 + 4L * i, $"{kind} block {i} of '{name}' ends at {end}, past the sequence's length {length}");
            previousEnd = end;
        }
        return (starts, sizes, z0 + 4L * count);
    }

    private ReadOnlySpan<byte> Span(long at, int count) => new(_base + at, count);

    private uint U32(long at)
    {
        Need(at, 4, "field");
        return TwoBitLayout.ReadUInt32(Span(at, 4), _swapped);
    }

    private ulong U64(long at)
    {
        Need(at, 8, "field");
        return TwoBitLayout.ReadUInt64(Span(at, 8), _swapped);
    }

    private void Need(long at, long count, string what)
    {
        if (at < 0 || count < 0 || at + count > _size) Fail(at, $"{what} runs past the end of the file ({_size} bytes)");
    }

    private BadInputException Error(long at, string reason) =>
        new(_fileName, null, string.Create(CultureInfo.InvariantCulture, $"byte {at}: {reason}"));

    private void Fail(long at, string reason) => throw Error(at, reason);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_view is not null)
        {
            if (_base != null) _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _map?.Dispose();
    }
}
