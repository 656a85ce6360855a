using System.Buffers;

namespace Pangy.Core.Formats.Compression;

/// <summary>
/// Assembles a zlib stream from compressed fragments, literal bytes (sent as stored blocks) and data compressed on the
/// spot, keeping the Adler-32 of the uncompressed whole.
/// </summary>
public sealed class ZlibAssembler
{
    private readonly List<ArraySegment<byte>> _parts = [];
    private readonly List<byte[]> _rented = [];
    private byte[] _literal = ArrayPool<byte>.Shared.Rent(1024);
    private int _literalUsed, _pendingFrom;
    private uint _adler = Adler32.Initial;
    private long _length;
    private bool _pending;

    public ZlibAssembler()
    {
        _rented.Add(_literal);
        ZlibFragments.Header.CopyTo(_literal);
        _literalUsed = ZlibFragments.Header.Length;
        AddLiteralPart(0, _literalUsed);
    }

    /// <summary>Literal bytes of the document (short: punctuation).</summary>
    public void Literal(ReadOnlySpan<byte> text)
    {
        if (text.Length > 4096) throw new ArgumentOutOfRangeException(nameof(text), "literals are short; compress longer text");
        if (!_pending)
        {
            // Room for a stored block header, written when the literal run ends.
            EnsureLiteral(ZlibFragments.StoredBlockOverhead + text.Length + 16);
            _pendingFrom = _literalUsed;
            _literalUsed += ZlibFragments.StoredBlockOverhead;
            _pending = true;
        }
        else EnsureLiteral(text.Length + 16);
        if (_literalUsed - _pendingFrom - ZlibFragments.StoredBlockOverhead + text.Length > ZlibFragments.MaxStoredBlock)
        {
            CloseLiteral();
            Literal(text);
            return;
        }
        text.CopyTo(_literal.AsSpan(_literalUsed));
        _literalUsed += text.Length;
        _adler = Adler32.Update(_adler, text);
    }

    /// <summary>A precompressed fragment: raw deflate ending byte-aligned and not final, from an empty history.</summary>
    public void Compressed(ArraySegment<byte> deflate, uint adler, long uncompressedLength)
    {
        CloseLiteral();
        if (deflate.Count == 0) return;
        _parts.Add(deflate);
        _length += deflate.Count;
        _adler = Adler32.Combine(_adler, adler, uncompressedLength);
    }

    /// <summary>Document bytes compressed now (level 1).</summary>
    public void OnTheFly(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        CloseLiteral();
        var sink = new RentedWriter(data.Length / 4 + 1024);
        var deflater = RawDeflater.Rent();
        try
        {
            deflater.Write(data, sink, DeflateFlush.Full);
        }
        catch
        {
            deflater.Dispose();
            sink.Release();
            throw;
        }
        RawDeflater.Return(deflater);
        _rented.Add(sink.Buffer);
        _parts.Add(new ArraySegment<byte>(sink.Buffer, 0, sink.Written));
        _length += sink.Written;
        _adler = Adler32.Update(_adler, data);
    }

    /// <summary>Closes the stream (final block, Adler-32) and hands over the parts.</summary>
    public ZlibAnswer Finish()
    {
        CloseLiteral();
        EnsureLiteral(ZlibFragments.FinalBlock.Length + 4);
        int at = _literalUsed;
        ZlibFragments.FinalBlock.CopyTo(_literal.AsSpan(_literalUsed));
        _literalUsed += ZlibFragments.FinalBlock.Length;
        ZlibFragments.WriteTrailer(_adler, _literal.AsSpan(_literalUsed));
        _literalUsed += 4;
        AddLiteralPart(at, _literalUsed - at);
        return new ZlibAnswer(_parts, _rented, _length, _adler);
    }

    /// <summary>Returns the pooled buffers after a failure.</summary>
    public void Abandon()
    {
        foreach (var a in _rented) ArrayPool<byte>.Shared.Return(a);
        _rented.Clear();
    }

    private void CloseLiteral()
    {
        if (!_pending) return;
        _pending = false;
        int payload = _literalUsed - _pendingFrom - ZlibFragments.StoredBlockOverhead;
        var header = _literal.AsSpan(_pendingFrom, ZlibFragments.StoredBlockOverhead);
        header[0] = 0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(header[1..], (ushort)payload);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(header[3..], (ushort)~payload);
        AddLiteralPart(_pendingFrom, _literalUsed - _pendingFrom);
    }

    private void AddLiteralPart(int from, int count)
    {
        // Adjacent literal runs (the header and the first stored block) are sent as one part.
        if (_parts.Count > 0 && _parts[^1].Array == _literal && _parts[^1].Offset + _parts[^1].Count == from)
            _parts[^1] = new ArraySegment<byte>(_literal, _parts[^1].Offset, _parts[^1].Count + count);
        else _parts.Add(new ArraySegment<byte>(_literal, from, count));
        _length += count;
    }

    private void EnsureLiteral(int more)
    {
        if (_literalUsed + more <= _literal.Length) return;
        // Parts already point into the old buffer: start a new one (a pending stored block moves along).
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(1024, more + (_pending ? _literalUsed - _pendingFrom : 0)));
        _rented.Add(next);
        int used = 0;
        if (_pending)
        {
            used = _literalUsed - _pendingFrom;
            _literal.AsSpan(_pendingFrom, used).CopyTo(next);
            _pendingFrom = 0;
        }
        _literal = next;
        _literalUsed = used;
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over one pooled array, grown by renting a larger one.</summary>
    private sealed class RentedWriter(int initial) : IBufferWriter<byte>
    {
        public byte[] Buffer { get; private set; } = ArrayPool<byte>.Shared.Rent(initial);
        public int Written { get; private set; }

        public void Advance(int count) => Written += count;
        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            int at = Grow(sizeHint); // before reading Buffer: growing replaces it
            return Buffer.AsMemory(at);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            int at = Grow(sizeHint);
            return Buffer.AsSpan(at);
        }

        private int Grow(int sizeHint)
        {
            sizeHint = Math.Max(sizeHint, 1);
            if (Buffer.Length - Written < sizeHint)
            {
                var next = ArrayPool<byte>.Shared.Rent(Math.Max(Buffer.Length * 2, Written + sizeHint));
                Buffer.AsSpan(0, Written).CopyTo(next);
                ArrayPool<byte>.Shared.Return(Buffer);
                Buffer = next;
            }
            return Written;
        }

        public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
    }
}
