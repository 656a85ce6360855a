using System.Buffers;

namespace Pangy.Http.Responses;

/// <summary>A growable buffer of pooled chunks (no large-object-heap copies for big answers).</summary>
internal sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private const int ChunkSize = 64 * 1024;
    private readonly List<(byte[] Array, int Used)> _chunks = [];
    private byte[]? _current;
    private int _used;

    public long Length { get; private set; }

    public void Advance(int count)
    {
        _used += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsSpan(_used);
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _used >= sizeHint) return;
        if (_current is not null) _chunks.Add((_current, _used));
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, sizeHint));
        _used = 0;
    }

    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        foreach (var (array, used) in _chunks) await destination.WriteAsync(array.AsMemory(0, used), cancellationToken);
        if (_current is not null && _used > 0) await destination.WriteAsync(_current.AsMemory(0, _used), cancellationToken);
    }

    /// <summary>
    /// Copies into the response pipe, flushing every <see cref="FlushEvery"/> bytes and at the end: few socket writes,
    /// and a bounded amount held in the pipe for very large answers.
    /// </summary>
    public async Task CopyToAsync(System.IO.Pipelines.PipeWriter destination, CancellationToken cancellationToken)
    {
        long unflushed = 0;
        foreach (var (array, used) in _chunks)
        {
            destination.Write(array.AsSpan(0, used));
            if ((unflushed += used) >= FlushEvery)
            {
                await destination.FlushAsync(cancellationToken);
                unflushed = 0;
            }
        }
        if (_current is not null && _used > 0) destination.Write(_current.AsSpan(0, _used));
        await destination.FlushAsync(cancellationToken);
    }

    private const int FlushEvery = 1 << 20;

    public byte[] ToArray()
    {
        var result = new byte[Length];
        int pos = 0;
        foreach (var (array, used) in _chunks) { array.AsSpan(0, used).CopyTo(result.AsSpan(pos)); pos += used; }
        if (_current is not null) _current.AsSpan(0, _used).CopyTo(result.AsSpan(pos));
        return result;
    }

    public void Dispose()
    {
        foreach (var (array, _) in _chunks) ArrayPool<byte>.Shared.Return(array);
        _chunks.Clear();
        if (_current is not null) ArrayPool<byte>.Shared.Return(_current);
        _current = null;
    }
}
