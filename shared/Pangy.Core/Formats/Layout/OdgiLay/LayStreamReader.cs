using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Pangy.Core.Formats.Layout.OdgiLay;

/// <summary>
/// Little-endian reads from a <c>.lay</c> stream that know where they are, so that a short or corrupt file is
/// reported as <see cref="BadInputException"/> with the byte offset and the part that was being read.
/// </summary>
internal sealed class LayStreamReader(Stream stream, string fileName)
{
    private long _offset;

    public string FileName => fileName;

    public double ReadDouble(string what)
    {
        Span<byte> b = stackalloc byte[8];
        Fill(b, what);
        return BinaryPrimitives.ReadDoubleLittleEndian(b);
    }

    public ulong ReadUInt64(string what)
    {
        Span<byte> b = stackalloc byte[8];
        Fill(b, what);
        return BinaryPrimitives.ReadUInt64LittleEndian(b);
    }

    public byte ReadByte(string what)
    {
        Span<byte> b = stackalloc byte[1];
        Fill(b, what);
        return b[0];
    }

    /// <summary>Reads whole little-endian words into <paramref name="destination"/>.</summary>
    public void ReadWordsInto(Span<ulong> destination, string what)
    {
        Fill(MemoryMarshal.AsBytes(destination), what);
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReverseEndianness(destination[i]);
    }

    /// <summary>Reads <paramref name="count"/> words, growing the array as data arrives so a bogus count cannot over-allocate.</summary>
    public ulong[] ReadWords(long count, string what)
    {
        var words = new List<ulong[]>();
        long left = count;
        while (left > 0)
        {
            int take = (int)Math.Min(left, 1 << 20);
            var chunk = new ulong[take];
            ReadWordsInto(chunk, what);
            words.Add(chunk);
            left -= take;
        }
        if (words.Count == 1) return words[0];
        var all = new ulong[count];
        long at = 0;
        foreach (var chunk in words)
        {
            chunk.CopyTo(all, at);
            at += chunk.Length;
        }
        return all;
    }

    public void SkipWords(long count, string what)
    {
        Span<ulong> scratch = stackalloc ulong[512];
        while (count > 0)
        {
            int take = (int)Math.Min(count, scratch.Length);
            ReadWordsInto(scratch[..take], what);
            count -= take;
        }
    }

    [DoesNotReturn]
    public void Fail(string reason) => throw new BadInputException(fileName, null, $"corrupt odgi .lay: {reason}");

    private void Fill(Span<byte> destination, string what)
    {
        int got = stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        if (got < destination.Length)
            throw new BadInputException(fileName, null,
                $"truncated odgi .lay: the file ends at byte {_offset + got} inside the {what}");
        _offset += got;
    }
}
