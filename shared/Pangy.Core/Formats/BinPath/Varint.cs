using System.Runtime.CompilerServices;

namespace Pangy.Core.Formats.BinPath;

/// <summary>LEB128 unsigned varints and zigzag signed mapping, as the reference's path codec (§5.1) uses them.</summary>
public static class Varint
{
    /// <summary>Largest encoded size of one 64-bit value.</summary>
    public const int MaxBytes = 10;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long UnZigZag(ulong u) => (long)(u >> 1) ^ -(long)(u & 1);

    /// <summary>Writes <paramref name="value"/> at <paramref name="dest"/>[pos]; returns the new position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(Span<byte> dest, int pos, ulong value)
    {
        while (value >= 0x80)
        {
            dest[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }
        dest[pos++] = (byte)value;
        return pos;
    }

    /// <summary>Reads one varint at <paramref name="pos"/>; false when the span ends inside it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ReadOnlySpan<byte> src, ref int pos, out ulong value)
    {
        ulong result = 0;
        int shift = 0;
        int p = pos;
        while (p < src.Length)
        {
            byte b = src[p++];
            if (shift == 63 && b > 1) throw new InvalidDataException("varint overflows 64 bits");
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                pos = p;
                value = result;
                return true;
            }
            shift += 7;
            if (shift > 63) throw new InvalidDataException("varint longer than 10 bytes");
        }
        value = 0;
        return false;
    }
}
