using System.Runtime.CompilerServices;

namespace Pangy.Core.Synth;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through splitmix64. The generator's own PRNG rather than
/// <see cref="System.Random"/>, whose algorithm is not a documented contract: the same seed must give the same
/// graph on every .NET version. Only integer arithmetic is used anywhere in the generator, for the same reason.
/// </summary>
internal struct SynthRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SynthRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, bound), by Lemire's multiply-high (the tiny bias is irrelevant here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Below(int bound) => (int)(((Next() >> 32) * (ulong)(uint)bound) >> 32);

    /// <summary>A uniform integer in [min, max], both inclusive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Between(int min, int max) => min + Below(max - min + 1);

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return SynthHash.Mix(state);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

/// <summary>
/// Stateless draws keyed by (seed, site, haplotype, …). Allele choices come from here so that any haplotype's
/// walk over any stretch of the chromosome can be produced in any order and direction, with nothing stored.
/// </summary>
internal static class SynthHash
{
    /// <summary>The splitmix64 finaliser: a bijective 64-bit mixer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A key for one site: every per-site draw starts from it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Site(ulong seedKey, int site) => Mix(seedKey + (ulong)(uint)site * 0x9E3779B97F4A7C15UL);

    /// <summary>32 random bits for (site key, haplotype, salt).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Draw(ulong siteKey, int haplotype, int salt) =>
        (uint)(Mix(siteKey ^ ((ulong)(uint)(haplotype + 1) * 0xD1B54A32D192ED03UL) ^ ((ulong)(uint)salt * 0xA0761D6478BD642FUL)) >> 32);
}
