namespace Pangy.Core.Formats.Compression;

/// <summary>
/// Opens inputs whatever their compression: gzip is recognised by its magic bytes (1f 8b), not by the file
/// name, so a gzip file without <c>.gz</c> (or a plain file with it) is read correctly.
/// </summary>
public static class InputStreams
{
    /// <summary>The first bytes of <paramref name="stream"/> and a stream that still yields them.</summary>
    public static (byte[] Head, Stream Stream) Peek(Stream stream, int count)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new byte[count];
        int got = stream.ReadAtLeast(head, count, throwOnEndOfStream: false);
        Array.Resize(ref head, got);
        if (stream.CanSeek)
        {
            stream.Seek(-got, SeekOrigin.Current);
            return (head, stream);
        }
        return (head, new PrefixedStream(head, stream));
    }

    /// <summary>True when the bytes start with the gzip magic number.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    /// <summary>
    /// Returns a stream of the decompressed content when <paramref name="stream"/> is gzip (any level, any
    /// number of members), else the stream itself. A truncated or corrupt gzip is reported, when read, as a
    /// <see cref="BadInputException"/> naming <paramref name="name"/>.
    /// </summary>
    public static Stream OpenDecompressed(Stream stream, string name, out bool wasGzip)
    {
        var (head, s) = Peek(stream, 2);
        wasGzip = IsGzip(head);
        return wasGzip ? new GzipDecompressStream(s, name) : s;
    }

    /// <summary>Opens a local file, decompressing it when it is gzip.</summary>
    public static Stream OpenFile(string path)
    {
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return OpenDecompressed(fs, path, out _);
    }

    private sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
    {
        private int _pos;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            if (_pos < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - _pos);
                prefix.AsSpan(_pos, n).CopyTo(buffer);
                _pos += n;
                return n;
            }
            return inner.Read(buffer);
        }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_pos < prefix.Length) return Read(buffer.Span);
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
