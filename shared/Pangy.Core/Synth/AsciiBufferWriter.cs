using System.Runtime.CompilerServices;

namespace Pangy.Core.Synth;

/// <summary>
/// Writes ASCII text into one large byte buffer and hands it to the stream only when full, so that a multi-GB
/// GFA goes out in big sequential writes. Integers are formatted by hand: no per-value string or span formatting.
/// </summary>
internal sealed class AsciiBufferWriter
{
    /// <summary>Room always guaranteed by <see cref="Reserve"/> callers for one number plus separators.</summary>
    public const int MaxTokenBytes = 32;

    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private readonly CancellationToken _cancellationToken;
    private int _position;

    public AsciiBufferWriter(Stream stream, int bufferSize, CancellationToken cancellationToken)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
        _cancellationToken = cancellationToken;
    }

    private long _flushed;

    /// <summary>Bytes handed to the stream so far plus those still buffered.</summary>
    public long BytesWritten => _flushed + _position;

    /// <summary>Makes sure <paramref name="count"/> bytes fit, flushing if needed (count ≤ buffer size).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reserve(int count)
    {
        if (_position + count > _buffer.Length)
            Flush();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Byte(byte value)
    {
        if (_position == _buffer.Length)
            Flush();
        _buffer[_position++] = value;
    }

    /// <summary>Writes a byte without a capacity check; the caller reserved room.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ByteUnchecked(byte value) => _buffer[_position++] = value;

    /// <summary>Writes bytes of any length.</summary>
    public void Bytes(ReadOnlySpan<byte> value)
    {
        while (value.Length > 0)
        {
            if (_position == _buffer.Length)
                Flush();
            int n = Math.Min(value.Length, _buffer.Length - _position);
            value[..n].CopyTo(_buffer.AsSpan(_position));
            _position += n;
            value = value[n..];
        }
    }

    /// <summary>Writes a non-negative integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Number(long value)
    {
        Reserve(MaxTokenBytes);
        NumberUnchecked(value);
    }

    /// <summary>Writes a non-negative integer without a capacity check; the caller reserved room.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NumberUnchecked(long value)
    {
        ulong v = (ulong)value;
        int digits = DigitCount(v);
        int end = _position + digits;
        int p = end;
        byte[] buffer = _buffer;
        ReadOnlySpan<byte> pairs = DigitPairs;
        while (v >= 100)
        {
            ulong q = v / 100;
            int r = (int)(v - q * 100) * 2;
            buffer[--p] = pairs[r + 1];
            buffer[--p] = pairs[r];
            v = q;
        }
        if (v >= 10)
        {
            int r = (int)v * 2;
            buffer[--p] = pairs[r + 1];
            buffer[--p] = pairs[r];
        }
        else
        {
            buffer[--p] = (byte)('0' + (int)v);
        }
        _position = end;
    }

    /// <summary>
    /// Writes a fixed-point number given in tenths (e.g. -1234 → "-123.4"): layout coordinates are kept as
    /// integers so that they are exact and identical on every machine.
    /// </summary>
    public void Tenths(long tenths)
    {
        Reserve(MaxTokenBytes);
        if (tenths < 0)
        {
            _buffer[_position++] = (byte)'-';
            tenths = -tenths;
        }
        NumberUnchecked(tenths / 10);
        _buffer[_position++] = (byte)'.';
        _buffer[_position++] = (byte)('0' + (int)(tenths % 10));
    }

    /// <summary>Direct access to the free part of the buffer, for bulk fills; commit with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int count)
    {
        Reserve(count);
        return _buffer.AsSpan(_position, count);
    }

    public void Advance(int count) => _position += count;

    /// <summary>Hands the buffered bytes to the stream.</summary>
    public void Flush()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (_position > 0)
        {
            _stream.Write(_buffer, 0, _position);
            _flushed += _position;
            _position = 0;
        }
    }

    /// <summary>"00" … "99": two digits per division.</summary>
    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DigitCount(ulong v)
    {
        int digits = 1;
        while (v >= 10_000) { v /= 10_000; digits += 4; }
        if (v >= 10) digits++;
        if (v >= 100) digits++;
        if (v >= 1000) digits++;
        return digits;
    }
}
