using System.Runtime.InteropServices;

namespace Pangy.Core.Formats.Compression;

/// <summary>
/// Decompresses gzip (RFC 1952), one or many concatenated members (bgzip), and — unlike the framework's
/// <see cref="System.IO.Compression.GZipStream"/>, which silently ends at a truncation — reports a truncated or
/// corrupt file as a <see cref="BadInputException"/>. It drives the zlib that ships with .NET (the same native
/// library GZipStream uses), so it is as fast as GZipStream and needs nothing installed.
/// </summary>
public sealed unsafe class GzipDecompressStream : Stream
{
    private const int GzipWindowBits = 31; // 15-bit window + 16: gzip wrapper only, CRC and size checked by zlib

    private readonly Stream _inner;
    private readonly string _name;
    private readonly bool _leaveOpen;
    private readonly byte[] _in;
    private ZlibNative.ZStream* _z;
    private int _inStart, _inEnd;
    private bool _innerEof, _memberOpen = true, _finished, _sawInput;
    private long _members;

    /// <param name="compressed">The gzip bytes.</param>
    /// <param name="name">File name for error messages.</param>
    /// <param name="leaveOpen">Leave <paramref name="compressed"/> open on dispose.</param>
    public GzipDecompressStream(Stream compressed, string name, bool leaveOpen = false, int bufferSize = 1 << 18)
    {
        _inner = compressed ?? throw new ArgumentNullException(nameof(compressed));
        _name = name;
        _leaveOpen = leaveOpen;
        _in = GC.AllocateUninitializedArray<byte>(bufferSize, pinned: true);
        _z = (ZlibNative.ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZlibNative.ZStream));
        int rc = ZlibNative.InflateInit2(_z, GzipWindowBits);
        if (rc != ZlibNative.Ok) throw new InvalidOperationException($"zlib inflateInit2 failed ({rc})");
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_z == null, this);
        if (buffer.IsEmpty || _finished) return 0;
        fixed (byte* outPtr = buffer)
        {
            while (true)
            {
                if (_inStart == _inEnd && !_innerEof) Refill();
                if (!_memberOpen)
                {
                    // Between members: another member may follow (bgzip); zero padding is tolerated, anything else is not gzip.
                    SkipZeroPadding();
                    if (_inStart == _inEnd && _innerEof) { _finished = true; return 0; }
                    if (_inEnd - _inStart < 2 && !_innerEof) { Compact(); Refill(); continue; }
                    if (_in[_inStart] != 0x1f || _inEnd - _inStart < 2 || _in[_inStart + 1] != 0x8b)
                        throw new BadInputException(_name, null, "data after the end of the gzip stream is not gzip");
                    ZlibNative.InflateReset2(_z, GzipWindowBits);
                    _memberOpen = true;
                }
                if (_inStart == _inEnd && _innerEof)
                    throw new BadInputException(_name, null, _members == 0 && !_sawInput ? "empty gzip file" : "truncated gzip file (it ends inside a compressed block)");

                fixed (byte* inPtr = &_in[_inStart])
                {
                    _z->NextIn = inPtr;
                    _z->AvailIn = (uint)(_inEnd - _inStart);
                    _z->NextOut = outPtr;
                    _z->AvailOut = (uint)buffer.Length;
                    int rc = ZlibNative.Inflate(_z, ZlibNative.NoFlush);
                    _inStart = _inEnd - (int)_z->AvailIn;
                    int produced = buffer.Length - (int)_z->AvailOut;
                    if (rc == ZlibNative.StreamEnd)
                    {
                        _memberOpen = false;
                        _members++;
                    }
                    else if (rc != ZlibNative.Ok && rc != ZlibNative.BufError)
                    {
                        string msg = ZlibNative.Message(_z);
                        throw new BadInputException(_name, null, $"corrupt gzip data ({(msg.Length > 0 ? msg : "zlib error " + rc)})");
                    }
                    if (produced > 0) return produced;
                }
            }
        }
    }

    private void Refill()
    {
        if (_inStart == _inEnd) _inStart = _inEnd = 0;
        int n = _inner.Read(_in, _inEnd, _in.Length - _inEnd);
        if (n == 0) _innerEof = true;
        else { _inEnd += n; _sawInput = true; }
    }

    private void Compact()
    {
        int len = _inEnd - _inStart;
        Buffer.BlockCopy(_in, _inStart, _in, 0, len);
        _inStart = 0;
        _inEnd = len;
    }

    private void SkipZeroPadding()
    {
        while (true)
        {
            while (_inStart < _inEnd && _in[_inStart] == 0) _inStart++;
            if (_inStart < _inEnd || _innerEof) return;
            Refill();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (_z != null)
        {
            ZlibNative.InflateEnd(_z);
            NativeMemory.Free(_z);
            _z = null;
        }
        if (disposing && !_leaveOpen) _inner.Dispose();
        base.Dispose(disposing);
    }
}
