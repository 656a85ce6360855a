using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pangy.Core.Formats.Compression;

/// <summary>Adler-32 (RFC 1950 §8.2): computing it and combining the checksums of two adjacent byte runs.</summary>
public static class Adler32
{
    private const uint Base = 65521;
    // Largest n such that 255 n (n+1) / 2 + (n+1) (Base-1) fits in 32 bits (zlib's NMAX).
    private const int NMax = 5552;

    /// <summary>The checksum of no bytes.</summary>
    public const uint Initial = 1;

    /// <summary>The checksum of the bytes summed into <paramref name="adler"/> followed by <paramref name="data"/>.</summary>
    public static uint Update(uint adler, ReadOnlySpan<byte> data)
    {
        if (Avx2.IsSupported && data.Length >= 64) return UpdateAvx2(adler, data);
        return UpdateScalar(adler, data);
    }

    private static uint UpdateScalar(uint adler, ReadOnlySpan<byte> data)
    {
        uint a = adler & 0xffff, b = adler >> 16;
        ref byte p = ref MemoryMarshal.GetReference(data);
        int n = data.Length, i = 0;
        while (n > 0)
        {
            int block = Math.Min(n, NMax);
            n -= block;
            int end = i + block;
            for (; i + 4 <= end; i += 4)
            {
                a += Unsafe.Add(ref p, i); b += a;
                a += Unsafe.Add(ref p, i + 1); b += a;
                a += Unsafe.Add(ref p, i + 2); b += a;
                a += Unsafe.Add(ref p, i + 3); b += a;
            }
            for (; i < end; i++) { a += Unsafe.Add(ref p, i); b += a; }
            a %= Base;
            b %= Base;
        }
        return (b << 16) | a;
    }

    /// <summary>
    /// 32 bytes per step: the byte sum goes to <c>a</c>, and <c>b</c> gains 32 × the <c>a</c> before the step plus the
    /// bytes weighted 32, 31, …, 1 (as zlib-ng's AVX2 version does); sums are reduced modulo 65521 every NMAX bytes.
    /// </summary>
    private static uint UpdateAvx2(uint adler, ReadOnlySpan<byte> data)
    {
        uint a = adler & 0xffff, b = adler >> 16;
        var weights = Vector256.Create((sbyte)32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
            16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        var ones = Vector256.Create((short)1);
        ref byte p = ref MemoryMarshal.GetReference(data);
        int i = 0, n = data.Length;
        while (n - i >= 32)
        {
            // NMAX rounded down to whole 32-byte steps keeps every 32-bit lane from overflowing.
            int block = Math.Min(n - i, NMax / 32 * 32) & ~31;
            var vsA = Vector256<uint>.Zero;      // byte sums (in 64-bit lanes' low halves)
            var vsB = Vector256<int>.Zero;       // weighted sums
            var vsAPrev = Vector256<uint>.Zero;  // Σ of vsA before each step (times 32 at the end)
            for (int end = i + block; i < end; i += 32)
            {
                var v = Vector256.LoadUnsafe(ref Unsafe.Add(ref p, i));
                vsAPrev += vsA;
                vsA += Avx2.SumAbsoluteDifferences(v, Vector256<byte>.Zero).AsUInt32();
                vsB += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(v, weights), ones);
            }
            ulong sumA = Vector256.Sum(vsA), sumB = (ulong)(uint)Vector256.Sum(vsB.AsUInt32()) + Vector256.Sum(vsAPrev) * 32UL;
            b = (uint)((b + (ulong)a * (uint)block + sumB) % Base);
            a = (uint)((a + sumA) % Base);
        }
        return UpdateScalar((b << 16) | a, data[i..]);
    }

    /// <summary>
    /// The checksum of run A followed by run B, from <paramref name="adlerA"/>, <paramref name="adlerB"/> and the length of
    /// B (zlib's adler32_combine): A's sums shift by B's length, B's start from 1 rather than from A's sum.
    /// </summary>
    public static uint Combine(uint adlerA, uint adlerB, long lengthB)
    {
        if (lengthB < 0) throw new ArgumentOutOfRangeException(nameof(lengthB));
        ulong rem = (ulong)(lengthB % Base);
        ulong sum1 = adlerA & 0xffff;
        ulong sum2 = rem * sum1 % Base;
        sum1 += (adlerB & 0xffff) + Base - 1;
        sum2 += (adlerA >> 16) + (adlerB >> 16) + Base - rem;
        if (sum1 >= Base) sum1 -= Base;
        if (sum1 >= Base) sum1 -= Base;
        if (sum2 >= Base << 1) sum2 -= Base << 1;
        if (sum2 >= Base) sum2 -= Base;
        return (uint)(sum1 | (sum2 << 16));
    }
}
