using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pangy.Core.Formats.Layout.OdgiLay;

/// <summary>
/// What a <c>.lay</c> holds: <c>min_value</c>, and the 64-bit values of its enc_vector (read twice by
/// <see cref="SdslEncVector.Write"/>, which uses only the values).
/// </summary>
internal interface ILayValues
{
    double Min { get; }
    long Count { get; }
    ulong this[long index] { get; }
}

/// <summary>
/// The serialized form of sdsl-lite's <c>enc_vector&lt;coder::elias_delta, 128&gt;</c> (pangyplot-reference.md §2.2),
/// which is how odgi stores a layout: <c>uint64 count</c>; an <c>int_vector</c> <c>z</c> of Elias-delta codes of the
/// wrapped differences between neighbours (width 1); an <c>int_vector</c> of (sample value, bit pointer into z)
/// pairs for every 128th value, closed by the pair (0, |z| + 1). An <c>int_vector</c> is <c>uint64 size in bits</c>,
/// <c>uint8 width</c>, then whole little-endian 64-bit words; bits run LSB first.
/// </summary>
internal static class SdslEncVector
{
    internal const int SampleDensity = 128;

    /// <summary>Words of z decoded per refill. One code spans at most three words, so three stay as lookahead.</summary>
    private const int ChunkWords = 1 << 17;

    /// <summary>
    /// Decodes an enc_vector from <paramref name="input"/> (positioned at its <c>count</c>) into flat storage, the
    /// values' bits held in the double slots. The stream is read once, front to back: z comes before the samples,
    /// so values are first stored relative to their block's sample and the samples are added at the end.
    /// </summary>
    /// <exception cref="BadInputException">Truncated or inconsistent data.</exception>
    // 2^40 coordinates: far beyond any graph (a human chromosome has a few million segments, four values each).
    private const long MaxValues = 1L << 40;

    internal static PositionalCoords Read(LayStreamReader input, CancellationToken cancellationToken)
    {
        long count = (long)input.ReadUInt64("value count");
        long zBits = (long)Math.Min(input.ReadUInt64("delta stream size"), long.MaxValue);
        input.ReadByte("delta stream width");
        // Near 2^63 the sums below would overflow (found by fuzzing): such a count fails the checks that follow anyway.
        long samples = count < 0 || count > MaxValues ? 0 : (count + SampleDensity - 1) / SampleDensity;
        // Each value after a sample takes at least one bit of z; this bounds count before anything is allocated.
        if (count < 0 || count - samples > zBits)
            input.Fail($"value count {count} does not fit a delta stream of {zBits} bits");
        if ((count & 3) != 0)
            input.Fail($"value count {count} is not a multiple of 4 (x1, y1, x2, y2 per segment)");
        if (count / 4 > int.MaxValue)
            input.Fail($"value count {count} is too large");
        // Checked after the count, whose messages say more; (bits + 63) / 64 must not overflow.
        if (zBits > MaxValues * 64) input.Fail($"delta stream size {zBits} bits is beyond any layout");

        var values = new PositionalCoords();
        var pointers = new List<long>();
        DecodeRelative(input, count, zBits, values, pointers, cancellationToken);

        // Samples and pointers.
        long svBits = (long)Math.Min(input.ReadUInt64("sample vector size"), long.MaxValue);
        int width = input.ReadByte("sample vector width");
        if (width is < 1 or > 64) input.Fail($"sample vector width {width} is not between 1 and 64");
        long entries = svBits / width;
        if (svBits % width != 0 || (count > 0 && entries != 2 * samples + 2) || (count == 0 && entries > 2))
            input.Fail($"sample vector holds {svBits} bits of width {width}, expected {2 * samples + 2} entries");
        ulong[] svWords = input.ReadWords((svBits + 63) / 64, "sample vector");
        if (count == 0) return values;

        var sampleValues = new ulong[samples];
        for (long k = 0; k < samples; k++)
        {
            sampleValues[k] = ReadFixed(svWords, 2 * k * width, width);
            long pointer = (long)ReadFixed(svWords, (2 * k + 1) * width, width);
            if (pointer != pointers[(int)k])
                input.Fail($"sample {k} points at bit {pointer} of the delta stream, but its deltas start at bit {pointers[(int)k]}");
        }
        if (ReadFixed(svWords, 2 * samples * width, width) != 0 || (long)ReadFixed(svWords, (2 * samples + 1) * width, width) != zBits + 1)
            input.Fail("the sample vector's closing entry does not match the delta stream");

        // Add each block's sample to its relative values (blocks hold whole runs of 128: BlockLength is a multiple).
        for (int b = 0; b < values.BlockCount; b++)
        {
            Span<ulong> block = System.Runtime.InteropServices.MemoryMarshal.Cast<double, ulong>(values.Block(b));
            long firstSample = ((long)b << PositionalCoords.BlockShift) / SampleDensity;
            for (int o = 0; o < block.Length; o++)
                block[o] += sampleValues[firstSample + o / SampleDensity];
        }
        return values;
    }

    /// <summary>Decodes z: every value as the wrapped sum of the deltas since its block's sample (0 at the sample).</summary>
    private static void DecodeRelative(LayStreamReader input, long count, long zBits, PositionalCoords values, List<long> pointers, CancellationToken cancellationToken)
    {
        long zWords = (zBits + 63) / 64;
        long wordsUnread = zWords;
        var z = new ulong[Math.Min(ChunkWords, zWords) + 6];
        int loaded = 0;     // words of z in the buffer
        long base0 = 0;     // index in z of buffer word 0
        int w = 0, bit = 0; // read position: word in buffer, bit in word

        double[] block = PositionalCoords.NewBlock(count);
        Span<ulong> slots = System.Runtime.InteropServices.MemoryMarshal.Cast<double, ulong>(block.AsSpan());
        int used = 0;
        ulong relative = 0;
        for (long i = 0; i < count; i++)
        {
            if (w + 3 > loaded && wordsUnread > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int keep = loaded - w;
                z.AsSpan(w, keep).CopyTo(z);
                base0 += w;
                w = 0;
                int take = (int)Math.Min(z.Length - 6 - keep, wordsUnread);
                input.ReadWordsInto(z.AsSpan(keep, take), "delta stream");
                wordsUnread -= take;
                loaded = keep + take;
                z.AsSpan(loaded).Clear(); // zeros past the end: a code reading them is caught below
            }

            if (i % SampleDensity == 0)
            {
                relative = 0;
                pointers.Add((base0 + w) * 64 + bit);
            }
            else
            {
                if (w >= loaded) input.Fail($"the delta stream of {zBits} bits ends before value {i} of {count}");
                // Elias delta: L zeros and a one; then the low L bits of len (its top bit implied); then the low
                // len-1 bits of x (top bit implied). len 65 stands for x = 0 (a wrapped delta of zero).
                ulong window = Peek(z, w, bit);
                int lengthOfLength = BitOperations.TrailingZeroCount(window);
                ulong delta;
                if (lengthOfLength == 0)
                {
                    delta = 1;
                    Advance(ref w, ref bit, 1);
                }
                else
                {
                    if (lengthOfLength > 6) input.Fail($"corrupt delta stream at bit {(base0 + w) * 64 + bit}");
                    Advance(ref w, ref bit, lengthOfLength + 1);
                    int length = (int)(Peek(z, w, bit) & ((1UL << lengthOfLength) - 1)) | (1 << lengthOfLength);
                    if (length > 65) input.Fail($"corrupt delta stream at bit {(base0 + w) * 64 + bit}");
                    Advance(ref w, ref bit, lengthOfLength);
                    int n = length - 1;
                    ulong bits = Peek(z, w, bit);
                    if (n < 64) delta = (bits & ((1UL << n) - 1)) | (1UL << n);
                    else delta = bits;
                    Advance(ref w, ref bit, n);
                }
                relative += delta;
            }

            slots[used++] = relative;
            if (used == block.Length)
            {
                values.Commit(block, used);
                block = PositionalCoords.NewBlock(count - i - 1);
                slots = System.Runtime.InteropServices.MemoryMarshal.Cast<double, ulong>(block.AsSpan());
                used = 0;
            }
        }
        values.Commit(block, used);

        long consumed = (base0 + w) * 64 + bit;
        if (consumed != zBits)
            input.Fail($"the delta stream holds {zBits} bits but its {count} values use {consumed}");
        if (wordsUnread > 0) input.SkipWords(wordsUnread, "delta stream");
    }

    /// <summary>64 bits of z starting at bit <paramref name="bit"/> of buffer word <paramref name="w"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Peek(ulong[] z, int w, int bit) =>
        bit == 0 ? z[w] : (z[w] >> bit) | (z[w + 1] << (64 - bit));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Advance(ref int w, ref int bit, int n)
    {
        bit += n;
        w += bit >> 6;
        bit &= 63;
    }

    /// <summary>Entry of a fixed-width int_vector at bit <paramref name="position"/> (LSB first).</summary>
    private static ulong ReadFixed(ulong[] words, long position, int width)
    {
        long word = position >> 6;
        int bit = (int)(position & 63);
        ulong value = words[word] >> bit;
        if (bit + width > 64) value |= words[word + 1] << (64 - bit);
        return width == 64 ? value : value & ((1UL << width) - 1);
    }

    /// <summary>Bits Elias delta needs for <paramref name="x"/> (sdsl's <c>encoding_length</c>).</summary>
    internal static int EncodingLength(ulong x)
    {
        int length = x == 0 ? 65 : BitOperations.Log2(x) + 1;
        int lengthOfLength = BitOperations.Log2((uint)length);
        return lengthOfLength + 1 + (lengthOfLength == 0 ? 0 : lengthOfLength + length - 1);
    }

    /// <summary>
    /// Writes <paramref name="values"/> as sdsl would serialize <c>enc_vector&lt;&gt;(values)</c>, byte for byte: the same
    /// codes, sample pointers and sample width (the larger of the largest sample and |z| + 1 decides it).
    /// </summary>
    internal static void Write<TValues>(Stream output, TValues values, CancellationToken cancellationToken)
        where TValues : ILayValues, allows ref struct
    {
        long count = values.Count;
        Span<byte> header = stackalloc byte[17];
        if (count == 0)
        {
            // sdsl leaves both int_vectors default-constructed: no bits, width 64.
            BinaryPrimitives.WriteUInt64LittleEndian(header, 0);
            output.Write(header[..8]);
            WriteIntVectorHeader(output, 0, 64);
            WriteIntVectorHeader(output, 0, 64);
            return;
        }

        // Pass 1: size of z, the sample values and their pointers.
        long samples = (count + SampleDensity - 1) / SampleDensity;
        var sampleEntries = new ulong[2 * samples + 2];
        long zBits = 0;
        ulong maxSample = 0, previous = 0;
        for (long i = 0; i < count; i++)
        {
            ulong v = values[i];
            if (i % SampleDensity == 0)
            {
                long k = i / SampleDensity;
                sampleEntries[2 * k] = v;
                sampleEntries[2 * k + 1] = (ulong)zBits;
                maxSample = Math.Max(maxSample, v);
            }
            else zBits += EncodingLength(v - previous);
            previous = v;
        }
        sampleEntries[2 * samples] = 0;
        sampleEntries[2 * samples + 1] = (ulong)zBits + 1;
        int width = maxSample > (ulong)zBits + 1 ? BitOperations.Log2(maxSample) + 1 : BitOperations.Log2((ulong)zBits + 1) + 1;

        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)count);
        output.Write(header[..8]);
        WriteIntVectorHeader(output, (ulong)zBits, 1);

        // Pass 2: the codes.
        var bits = new BitWriter(output);
        previous = 0;
        for (long i = 0; i < count; i++)
        {
            ulong v = values[i];
            if (i % SampleDensity != 0)
            {
                ulong x = v - previous;
                int length = x == 0 ? 65 : BitOperations.Log2(x) + 1;
                int lengthOfLength = BitOperations.Log2((uint)length);
                bits.Write(1UL << lengthOfLength, lengthOfLength + 1);
                if (lengthOfLength != 0)
                {
                    bits.Write((ulong)length & ((1UL << lengthOfLength) - 1), lengthOfLength);
                    int n = length - 1;
                    bits.Write(n == 64 ? x : x & ((1UL << n) - 1), n);
                }
            }
            else if ((i & 0xFFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            previous = v;
        }
        bits.Finish();

        WriteIntVectorHeader(output, (ulong)(sampleEntries.Length * (long)width), (byte)width);
        var sv = new BitWriter(output);
        foreach (ulong entry in sampleEntries) sv.Write(width == 64 ? entry : entry & ((1UL << width) - 1), width);
        sv.Finish();
    }

    private static void WriteIntVectorHeader(Stream output, ulong sizeInBits, byte width)
    {
        Span<byte> header = stackalloc byte[9];
        BinaryPrimitives.WriteUInt64LittleEndian(header, sizeInBits);
        header[8] = width;
        output.Write(header);
    }

    /// <summary>Packs bits LSB first into little-endian 64-bit words, flushing to the stream in 64 KiB pieces.</summary>
    private sealed class BitWriter(Stream output)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _bytes;
        private ulong _word;
        private int _bits;

        /// <summary>Appends the low <paramref name="n"/> bits of <paramref name="value"/> (1 ≤ n ≤ 64; higher bits must be zero).</summary>
        public void Write(ulong value, int n)
        {
            _word |= value << _bits; // a shift of 64 is a shift of 0 in C#: _bits is never 64 here
            int total = _bits + n;
            if (total < 64)
            {
                _bits = total;
                return;
            }
            Emit(_word);
            _word = _bits == 0 ? 0 : value >> (64 - _bits);
            _bits = total - 64;
        }

        /// <summary>Writes the last, zero-padded word and flushes.</summary>
        public void Finish()
        {
            if (_bits > 0) Emit(_word);
            _word = 0;
            _bits = 0;
            output.Write(_buffer, 0, _bytes);
            _bytes = 0;
        }

        private void Emit(ulong word)
        {
            if (_bytes == _buffer.Length)
            {
                output.Write(_buffer, 0, _bytes);
                _bytes = 0;
            }
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_bytes), word);
            _bytes += 8;
        }
    }
}
