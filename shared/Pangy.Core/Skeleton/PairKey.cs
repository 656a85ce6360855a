using System.Runtime.CompilerServices;

namespace Pangy.Core.Skeleton;

/// <summary>
/// Hashing for 64-bit keys made of two 32-bit ids. <see cref="long.GetHashCode"/> XORs the halves, so pairs of nearby
/// segment ids collide en masse (a ^ b repeats); this mixes all 64 bits first.
/// </summary>
internal sealed class PairKey : IEqualityComparer<long>
{
    public static readonly PairKey Comparer = new();

    public bool Equals(long x, long y) => x == y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetHashCode(long key)
    {
        ulong h = (ulong)key * 0x9E3779B97F4A7C15UL;
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93UL;
        h ^= h >> 32;
        return (int)h;
    }

    /// <summary>An unordered pair as one key, the smaller id in the high half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Unordered(int a, int b) => a <= b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    public static HashSet<long> NewSet() => new(Comparer);
}
