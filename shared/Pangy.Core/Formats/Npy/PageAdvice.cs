using System.Runtime.InteropServices;

namespace Pangy.Core.Formats.Npy;

/// <summary>Linux <c>madvise</c> hints for mapped files (a P/Invoke cannot live in the generic <see cref="NpyArray{T}"/>).</summary>
internal static unsafe partial class PageAdvice
{
    private const int MadvRandom = 1;

    /// <summary>Pages of [<paramref name="start"/>, +<paramref name="length"/>) will be read in no particular order.</summary>
    public static void Random(byte* start, nuint length) => _ = Madvise(start, length, MadvRandom);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
