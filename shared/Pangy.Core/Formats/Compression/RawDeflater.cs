using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Pangy.Core.Formats.Compression;

/// <summary>
/// A raw-deflate compressor (no zlib or gzip wrapper) on the zlib that ships with .NET, driven directly so that a
/// fragment can end on a sync flush (byte-aligned, history kept) or a full flush (byte-aligned, history dropped: what
/// follows never refers back). One instance compresses many independent fragments when each ends on a full flush, so a
/// request pays no allocation or initialisation of the compressor (<see cref="Rent"/>).
/// </summary>
public sealed unsafe class RawDeflater : IDisposable
{
    private const int RawWindowBits = -15, DefaultStrategy = 0;

    private ZlibNative.ZStream* _z;

    /// <param name="level">zlib level 1 (fastest) to 9 (smallest).</param>
    /// <param name="memLevel">zlib memLevel 1–9 (hash table size).</param>
    public RawDeflater(int level, int memLevel = 8)
    {
        Level = level;
        _z = (ZlibNative.ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZlibNative.ZStream));
        int rc = ZlibNative.DeflateInit2(_z, level, ZlibNative.Deflated, RawWindowBits, memLevel, DefaultStrategy);
        if (rc != 0)
        {
            NativeMemory.Free(_z);
            _z = null;
            throw new InvalidOperationException($"zlib deflateInit2 failed ({rc})");
        }
    }

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <summary>
    /// Compresses <paramref name="input"/> into <paramref name="output"/>, then flushes as <paramref name="flush"/> says.
    /// A flush with no input since the last flush writes nothing.
    /// </summary>
    public void Write(ReadOnlySpan<byte> input, IBufferWriter<byte> output, DeflateFlush flush)
    {
        ObjectDisposedException.ThrowIf(_z == null, this);
        fixed (byte* inPtr = input)
        {
            _z->NextIn = inPtr;
            _z->AvailIn = (uint)input.Length;
            while (true)
            {
                // Bound of deflate's output for this much input plus a flush's block ends and empty stored block.
                var span = output.GetSpan(Math.Max(256, (int)Math.Min(int.MaxValue / 2, _z->AvailIn + (_z->AvailIn >> 3) + 64)));
                fixed (byte* outPtr = span)
                {
                    _z->NextOut = outPtr;
                    _z->AvailOut = (uint)span.Length;
                    int rc = ZlibNative.Deflate(_z, (int)flush);
                    int produced = span.Length - (int)_z->AvailOut;
                    output.Advance(produced);
                    if (rc < 0 && rc != ZlibNative.BufError) throw new InvalidOperationException($"zlib deflate failed ({rc})");
                    // Done when all input is taken and zlib did not fill the space it was given (it has nothing pending).
                    if (_z->AvailIn == 0 && _z->AvailOut != 0) break;
                }
            }
            _z->NextIn = null;
        }
    }

    private static readonly ConcurrentBag<RawDeflater> FastPool = [];
    private static int _pooled;
    private const int MaxPooled = 64;

    /// <summary>
    /// A level-1 compressor from a shared pool, for fragments made while a request waits. Each fragment written with it
    /// must end on <see cref="DeflateFlush.Full"/>, so the next user starts from an empty history; give it back with
    /// <see cref="Return"/> (or dispose it if a write failed).
    /// </summary>
    public static RawDeflater Rent()
    {
        if (FastPool.TryTake(out var d))
        {
            Interlocked.Decrement(ref _pooled);
            return d;
        }
        return new RawDeflater(1);
    }

    /// <summary>Gives a compressor from <see cref="Rent"/> back to the pool.</summary>
    public static void Return(RawDeflater deflater)
    {
        if (Interlocked.Increment(ref _pooled) <= MaxPooled) FastPool.Add(deflater);
        else
        {
            Interlocked.Decrement(ref _pooled);
            deflater.Dispose();
        }
    }

    public void Dispose()
    {
        if (_z == null) return;
        ZlibNative.DeflateEnd(_z);
        NativeMemory.Free(_z);
        _z = null;
        GC.SuppressFinalize(this);
    }

    ~RawDeflater()
    {
        if (_z != null)
        {
            ZlibNative.DeflateEnd(_z);
            NativeMemory.Free(_z);
        }
    }
}
