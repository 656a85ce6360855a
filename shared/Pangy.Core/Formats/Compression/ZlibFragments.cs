using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pangy.Core.Formats.Compression;

/// <summary>
/// Building a zlib stream (RFC 1950) out of separately compressed raw-deflate fragments (RFC 1951). A fragment that ends
/// on a sync or full flush ends byte-aligned after an empty stored block, with no final block, so such fragments can be
/// laid end to end: the result is one valid deflate stream as long as no fragment refers back past its own start (each
/// is compressed from an empty history). A stored block carries literal bytes, a fixed empty final block closes the
/// stream, and the zlib wrapper is a two-byte header plus the Adler-32 of all the uncompressed bytes, which combines
/// from the fragments' own checksums in O(1) each (<see cref="Adler32.Combine"/>).
/// </summary>
public static class ZlibFragments
{
    /// <summary>The zlib header: deflate with a 32 KiB window (CMF 0x78), no preset dictionary, check bits valid.</summary>
    public static ReadOnlySpan<byte> Header => [0x78, 0x01];

    /// <summary>An empty final block with fixed codes (BFINAL=1, BTYPE=01, end-of-block): closes a byte-aligned stream.</summary>
    public static ReadOnlySpan<byte> FinalBlock => [0x03, 0x00];

    /// <summary>Bytes a stored block adds to its payload (header byte, LEN, NLEN).</summary>
    public const int StoredBlockOverhead = 5;

    /// <summary>Largest payload of one stored block.</summary>
    public const int MaxStoredBlock = 65535;

    /// <summary>
    /// Writes <paramref name="data"/> (at most <see cref="MaxStoredBlock"/> bytes) as a non-final stored block at a byte
    /// boundary; returns the bytes written (<c>data.Length + 5</c>).
    /// </summary>
    public static int WriteStoredBlock(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (data.Length > MaxStoredBlock) throw new ArgumentOutOfRangeException(nameof(data), "a stored block holds at most 65535 bytes");
        destination[0] = 0; // BFINAL=0, BTYPE=00, the rest of the byte is padding
        BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], (ushort)data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[3..], (ushort)~data.Length);
        data.CopyTo(destination[5..]);
        return data.Length + StoredBlockOverhead;
    }

    /// <summary>The zlib trailer: the Adler-32 of the uncompressed data, big-endian.</summary>
    public static void WriteTrailer(uint adler, Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, adler);
}
