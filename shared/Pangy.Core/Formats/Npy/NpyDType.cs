namespace Pangy.Core.Formats.Npy;

/// <summary>The element types Pangy stores in <c>.npy</c> files, with numpy's <c>descr</c> strings.</summary>
public static class NpyDType
{
    /// <summary>numpy's descr for <typeparamref name="T"/>: single bytes are byte-order-less (<c>|u1</c>), others little-endian.</summary>
    public static string Descr<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return "|u1";
        if (typeof(T) == typeof(sbyte)) return "|i1";
        if (typeof(T) == typeof(ushort)) return "<u2";
        if (typeof(T) == typeof(short)) return "<i2";
        if (typeof(T) == typeof(uint)) return "<u4";
        if (typeof(T) == typeof(int)) return "<i4";
        if (typeof(T) == typeof(ulong)) return "<u8";
        if (typeof(T) == typeof(long)) return "<i8";
        if (typeof(T) == typeof(float)) return "<f4";
        if (typeof(T) == typeof(double)) return "<f8";
        throw new NotSupportedException($"no .npy dtype for {typeof(T).Name}");
    }

    /// <summary>True when <paramref name="descr"/> from a file header denotes <typeparamref name="T"/>.</summary>
    public static bool Matches<T>(string descr) where T : unmanaged
    {
        string want = Descr<T>();
        if (descr == want) return true;
        // Single-byte types may be written with any byte-order mark; '=' means native, which is little-endian here.
        if (want[0] == '|') return descr.Length == 3 && descr.AsSpan(1).SequenceEqual(want.AsSpan(1));
        return descr.Length == want.Length && descr[0] == '=' && descr.AsSpan(1).SequenceEqual(want.AsSpan(1));
    }
}
