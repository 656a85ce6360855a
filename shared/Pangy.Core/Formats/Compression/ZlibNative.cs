using System.Runtime.InteropServices;

namespace Pangy.Core.Formats.Compression;

/// <summary>
/// The zlib that ships with .NET (the native library behind System.IO.Compression), called directly where the
/// framework's streams fall short: truncation detection when inflating, sync and full flushes when deflating
/// fragments. Layout and entry points are those of dotnet/runtime's <c>pal_zlib.h</c>.
/// </summary>
internal static unsafe class ZlibNative
{
    private const string Lib = "libSystem.IO.Compression.Native";

    public const int Ok = 0, StreamEnd = 1, BufError = -5;
    public const int NoFlush = 0;
    public const int Deflated = 8;

    [StructLayout(LayoutKind.Sequential)]
    public struct ZStream
    {
        public byte* NextIn;
        public byte* NextOut;
        public IntPtr Msg;
        public IntPtr InternalState;
        public uint AvailIn;
        public uint AvailOut;
    }

    [DllImport(Lib, EntryPoint = "CompressionNative_InflateInit2_")]
    public static extern int InflateInit2(ZStream* stream, int windowBits);
    [DllImport(Lib, EntryPoint = "CompressionNative_Inflate")]
    public static extern int Inflate(ZStream* stream, int flush);
    [DllImport(Lib, EntryPoint = "CompressionNative_InflateEnd")]
    public static extern int InflateEnd(ZStream* stream);
    [DllImport(Lib, EntryPoint = "CompressionNative_InflateReset2_")]
    public static extern int InflateReset2(ZStream* stream, int windowBits);

    [DllImport(Lib, EntryPoint = "CompressionNative_DeflateInit2_")]
    public static extern int DeflateInit2(ZStream* stream, int level, int method, int windowBits, int memLevel, int strategy);
    [DllImport(Lib, EntryPoint = "CompressionNative_Deflate")]
    public static extern int Deflate(ZStream* stream, int flush);
    [DllImport(Lib, EntryPoint = "CompressionNative_DeflateEnd")]
    public static extern int DeflateEnd(ZStream* stream);

    [DllImport(Lib, EntryPoint = "CompressionNative_Crc32")]
    public static extern uint Crc32(uint crc, byte* buffer, int length);

    /// <summary>zlib's message for the last error on <paramref name="stream"/>, or empty.</summary>
    public static string Message(ZStream* stream) => stream->Msg != IntPtr.Zero ? Marshal.PtrToStringAnsi(stream->Msg) ?? "" : "";
}
