namespace Pangy.Core.Tests;

/// <summary>
/// A forward-only stream that hands out its data a few bytes per read (sizes cycling through a fixed pattern), so that
/// every boundary case of a buffered reader — a CRLF split in two, a number cut in half — is met.
/// </summary>
internal sealed class TrickleStream(byte[] data, params int[] chunkSizes) : Stream
{
    private readonly int[] _sizes = chunkSizes.Length == 0 ? [1, 2, 3, 5, 7, 11, 13] : chunkSizes;
    private int _pos, _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, _sizes[_read++ % _sizes.Length]), data.Length - _pos);
        data.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        return n;
    }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
