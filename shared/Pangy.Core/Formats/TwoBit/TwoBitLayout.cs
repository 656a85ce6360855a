using System.Buffers.Binary;

namespace Pangy.Core.Formats.TwoBit;

/// <summary>
/// The UCSC .2bit layout (kent <c>src/inc/twoBit.h</c>, FAQ "Data File Formats"): a 16-byte header (signature, version,
/// sequence count, reserved), an index of (name length u8, name, offset u32 or u64 in version 1), then per sequence
/// dnaSize, N blocks, mask blocks, a reserved word and the packed bases, four to a byte, first base in the high bits.
/// Every integer is in the writer's byte order; a swapped signature says the file's order is not ours.
/// </summary>
internal static class TwoBitLayout
{
    public const uint Signature = 0x1A412743;
    public const uint SwappedSignature = 0x4327411A;
    public const int HeaderSize = 16;

    /// <summary>Version 0: 32-bit offsets; version 1 (<c>faToTwoBit -long</c>): 64-bit offsets.</summary>
    public const uint MaxVersion = 1;

    /// <summary>Base of each 2-bit code: T=00, C=01, A=10, G=11.</summary>
    public static ReadOnlySpan<byte> Bases => "TCAG"u8;

    /// <summary>The 2-bit code of an upper- or lower-case base; N and everything else is stored as T (00), as kent does.</summary>
    public static int Code(byte b) => (b | 0x20) switch
    {
        (byte)'c' => 1,
        (byte)'a' => 2,
        (byte)'g' => 3,
        _ => 0,
    };

    public static uint ReadUInt32(ReadOnlySpan<byte> s, bool swapped) =>
        swapped ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    public static ulong ReadUInt64(ReadOnlySpan<byte> s, bool swapped) =>
        swapped ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);

    public static void WriteUInt32(Span<byte> s, uint v, bool bigEndian)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(s, v);
        else BinaryPrimitives.WriteUInt32LittleEndian(s, v);
    }

    public static void WriteUInt64(Span<byte> s, ulong v, bool bigEndian)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(s, v);
        else BinaryPrimitives.WriteUInt64LittleEndian(s, v);
    }
}
