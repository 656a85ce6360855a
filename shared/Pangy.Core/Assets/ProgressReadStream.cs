namespace Pangy.Core.Assets;

/// <summary>A read-only pass-through stream that reports how many bytes were read (upload progress).</summary>
internal sealed class ProgressReadStream(Stream inner, Action<long> progress) : Stream
{
    private long _done;

    public override int Read(Span<byte> buffer) => Advance(inner.Read(buffer));
    public override int Read(byte[] buffer, int offset, int count) => Advance(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Advance(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Advance(int n)
    {
        _done += n;
        if (n > 0) progress(_done);
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set { inner.Position = value; _done = value; } }
    public override long Seek(long offset, SeekOrigin origin) { long p = inner.Seek(offset, origin); _done = p; return p; }
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
