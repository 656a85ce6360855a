using Pangy.Core.Formats.Compression;
using System.Buffers;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Primitives;
using Pangy.Core.Query;
using Pangy.Http.Requests;
using Pangy.Http.Responses;

namespace Pangy.Query.Tests;

/// <summary>The pieces /select's compressed answers are made of: Adler-32, deflate fragments laid end to end, Accept-Encoding.</summary>
public sealed class ZlibFragmentTests
{
    [Fact]
    public void Adler32_matches_known_values()
    {
        Assert.Equal(1u, Adler32.Update(Adler32.Initial, []));
        Assert.Equal(0x11E60398u, Adler32.Update(Adler32.Initial, "Wikipedia"u8));
        // Long input: the sums wrap modulo 65521 several times (zlib's result for 100,000 bytes of 0xFF).
        var ff = Enumerable.Repeat((byte)0xFF, 100_000).ToArray();
        Assert.Equal(ZlibAdler(ff), Adler32.Update(Adler32.Initial, ff));
    }

    [Fact]
    public void Adler32_agrees_with_zlib_at_every_length_around_the_vector_steps()
    {
        var rng = new Random(9);
        var data = new byte[12_000];
        rng.NextBytes(data);
        for (int n = 1; n < 300; n++) Assert.Equal(ZlibAdler(data[..n]), Adler32.Update(Adler32.Initial, data.AsSpan(0, n)));
        foreach (int n in new[] { 5535, 5536, 5537, 5552, 5553, 11072, 11104, 12_000 })
        {
            Assert.Equal(ZlibAdler(data[..n]), Adler32.Update(Adler32.Initial, data.AsSpan(0, n)));
            // Starting from a running checksum, not only from 1.
            Assert.Equal(ZlibAdler(data[..n]), Adler32.Update(Adler32.Update(Adler32.Initial, data.AsSpan(0, 77)), data.AsSpan(77, n - 77)));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 17)]
    [InlineData(17, 0)]
    [InlineData(1, 1)]
    [InlineData(5000, 70000)]
    [InlineData(70000, 131042)]
    [InlineData(65521, 65521)]
    public void Adler32_combine_equals_the_checksum_of_the_concatenation(int lengthA, int lengthB)
    {
        var rng = new Random(lengthA * 31 + lengthB);
        var a = new byte[lengthA];
        var b = new byte[lengthB];
        rng.NextBytes(a);
        rng.NextBytes(b);
        uint whole = Adler32.Update(Adler32.Update(Adler32.Initial, a), b);
        Assert.Equal(whole, Adler32.Combine(Adler32.Update(Adler32.Initial, a), Adler32.Update(Adler32.Initial, b), lengthB));
        if (lengthA + lengthB > 0) Assert.Equal(ZlibAdler([.. a, .. b]), whole);
    }

    [Fact]
    public void Fragments_laid_end_to_end_decompress_to_the_concatenation()
    {
        var parts = new[] { "{\"nodes\":[", Repeat("alpha,beta,gamma;", 400), ",", Repeat("delta-epsilon ", 3000), "", "]}" };
        var stream = new ArrayBufferWriter<byte>();
        stream.Write(ZlibFragments.Header);
        uint adler = Adler32.Initial;
        using var sync = new RawDeflater(9);
        for (int i = 0; i < parts.Length; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(parts[i]);
            switch (i % 3)
            {
                case 0: // literal bytes as a stored block
                    stream.Advance(ZlibFragments.WriteStoredBlock(bytes, stream.GetSpan(bytes.Length + ZlibFragments.StoredBlockOverhead)));
                    break;
                case 1: // a fragment compressed alone, ending on a full flush
                    using (var d = new RawDeflater(6)) d.Write(bytes, stream, DeflateFlush.Full);
                    break;
                default: // a reused compressor: each piece ends on a full flush, so none refers back into the previous one
                    sync.Write(bytes, stream, DeflateFlush.Full);
                    break;
            }
            adler = Adler32.Combine(adler, Adler32.Update(Adler32.Initial, bytes), bytes.Length);
        }
        stream.Write(ZlibFragments.FinalBlock);
        ZlibFragments.WriteTrailer(adler, stream.GetSpan(4));
        stream.Advance(4);
        Assert.Equal(string.Concat(parts), Encoding.UTF8.GetString(Inflate(stream.WrittenSpan.ToArray())));
    }

    [Fact]
    public void A_sync_flushed_stream_cut_at_a_flush_point_is_a_valid_prefix()
    {
        var chunks = Enumerable.Range(0, 20).Select(i => Encoding.UTF8.GetBytes(Repeat($"chunk {i} says hello; ", 30 + i))).ToArray();
        var out1 = new ArrayBufferWriter<byte>();
        var cuts = new List<(int Bytes, int Raw, uint Adler)>();
        uint adler = Adler32.Initial;
        int raw = 0;
        using (var d = new RawDeflater(9, 9))
            foreach (var c in chunks)
            {
                d.Write(c, out1, DeflateFlush.None);
                d.Write([], out1, DeflateFlush.Sync);
                adler = Adler32.Update(adler, c);
                raw += c.Length;
                cuts.Add((out1.WrittenCount, raw, adler));
            }
        var all = chunks.SelectMany(c => c).ToArray();
        foreach (var (bytes, rawLen, a) in cuts)
        {
            // A prefix, then a stored block and another prefix: still one valid stream.
            var z = new ArrayBufferWriter<byte>();
            z.Write(ZlibFragments.Header);
            z.Write(out1.WrittenSpan[..bytes]);
            z.Advance(ZlibFragments.WriteStoredBlock("|"u8, z.GetSpan(6)));
            z.Write(out1.WrittenSpan[..cuts[0].Bytes]);
            z.Write(ZlibFragments.FinalBlock);
            uint total = Adler32.Combine(Adler32.Update(a, "|"u8), cuts[0].Adler, cuts[0].Raw);
            ZlibFragments.WriteTrailer(total, z.GetSpan(4));
            z.Advance(4);
            byte[] expected = [.. all.AsSpan(0, rawLen), (byte)'|', .. all.AsSpan(0, cuts[0].Raw)];
            Assert.Equal(expected, Inflate(z.WrittenSpan.ToArray()));
        }
    }

    [Fact]
    public void A_wrong_adler_is_refused_by_the_decoder()
    {
        var z = new ArrayBufferWriter<byte>();
        z.Write(ZlibFragments.Header);
        z.Advance(ZlibFragments.WriteStoredBlock("hello"u8, z.GetSpan(16)));
        z.Write(ZlibFragments.FinalBlock);
        ZlibFragments.WriteTrailer(Adler32.Update(Adler32.Initial, "hellO"u8), z.GetSpan(4));
        z.Advance(4);
        Assert.ThrowsAny<InvalidDataException>(() => Inflate(z.WrittenSpan.ToArray()));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("deflate", true)]
    [InlineData("gzip, deflate, br, zstd", true)]
    [InlineData("gzip, DEFLATE;q=0.5", true)]
    [InlineData("deflate;q=0", false)]
    [InlineData("deflate; q=0.000", false)]
    [InlineData("deflate;q=0.001", true)]
    [InlineData("gzip", false)]
    [InlineData("identity", false)]
    [InlineData("*", true)]
    [InlineData("*;q=0", false)]
    [InlineData("gzip;q=1, *;q=0.1", true)]
    [InlineData("deflate;q=0, *", false)]
    [InlineData("deflate;q=1.5", false)]
    [InlineData("deflate;q=abc", false)]
    [InlineData("deflate;level=1", true)]
    [InlineData("deflatex, xdeflate", false)]
    public void Accept_encoding_is_negotiated_with_q_values(string? header, bool deflate) =>
        Assert.Equal(deflate, AcceptEncoding.AcceptsDeflate(header is null ? StringValues.Empty : new StringValues(header)));

    [Fact]
    public void Accept_encoding_over_several_header_lines()
    {
        Assert.True(AcceptEncoding.AcceptsDeflate(new StringValues(["gzip", "deflate"])));
        Assert.False(AcceptEncoding.AcceptsDeflate(new StringValues(["gzip", "deflate;q=0"])));
    }

    internal static byte[] Inflate(byte[] zlib)
    {
        using var z = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        var o = new MemoryStream();
        z.CopyTo(o);
        return o.ToArray();
    }

    /// <summary>Adler-32 as zlib computes it: the trailer of a zlib stream made by the framework.</summary>
    private static uint ZlibAdler(byte[] data)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Fastest, leaveOpen: true)) z.Write(data);
        var b = ms.ToArray();
        return (uint)(b[^4] << 24 | b[^3] << 16 | b[^2] << 8 | b[^1]);
    }

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));
}
