using System.Buffers.Binary;
using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Tests.Formats.Npy;

public class NpyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pangy-npy").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Header_matches_numpy_byte_for_byte()
    {
        // numpy.save(np.zeros(3215, '<u4')) writes exactly this 128-byte preamble (numpy ≥ 1.22 adds growth room).
        var h = NpyWriter.Header<uint>(3215);
        var dict = "{'descr': '<u4', 'fortran_order': False, 'shape': (3215,), }";
        Assert.Equal(128, h.Length);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, h[..8]);
        Assert.Equal(118, BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(8)));
        Assert.Equal(dict, Encoding.ASCII.GetString(h, 10, dict.Length));
        Assert.True(h.AsSpan(10 + dict.Length, 128 - 11 - dict.Length).IndexOfAnyExcept((byte)' ') < 0);
        Assert.Equal((byte)'\n', h[^1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(99999)]
    [InlineData(123456789012)]
    public void Preamble_is_valid_for_any_length(long n)
    {
        AssertValidPreamble(NpyWriter.Header<double>(n), "<f8", n);
        AssertValidPreamble(NpyWriter.Header<byte>(n), "|u1", n);
        AssertValidPreamble(NpyWriter.Header<long>(n), "<i8", n);
        AssertValidPreamble(NpyWriter.Header<float>(n), "<f4", n);
    }

    /// <summary>The numpy format 1.0 rules, checked without numpy.</summary>
    internal static void AssertValidPreamble(ReadOnlySpan<byte> file, string descr, long length)
    {
        Assert.True(file[..6].SequenceEqual(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }));
        Assert.Equal(1, file[6]);
        Assert.Equal(0, file[7]);
        int hlen = BinaryPrimitives.ReadUInt16LittleEndian(file[8..]);
        int total = 10 + hlen;
        Assert.Equal(0, total % 64);
        var header = Encoding.ASCII.GetString(file.Slice(10, hlen));
        Assert.EndsWith("\n", header);
        Assert.StartsWith($"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({length},), }}", header);
        Assert.EndsWith("}", header.TrimEnd('\n').TrimEnd(' '));
    }

    [Fact]
    public void Round_trips_through_the_memory_mapped_reader()
    {
        var path = Path.Combine(_dir, "a.npy");
        uint[] data = [0, 1, 2, uint.MaxValue, 42];
        NpyWriter.WriteFile<uint>(path, data);
        var bytes = File.ReadAllBytes(path);
        AssertValidPreamble(bytes, "<u4", 5);
        Assert.Equal(128 + 20, bytes.Length); // data follows the 64-aligned preamble, C order, little-endian
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(128 + 12)));
        using var a = NpyArray<uint>.Open(path);
        Assert.Equal(5, a.Length);
        Assert.Equal(data, a.Span.ToArray());
        Assert.Equal(42u, a[4]);
    }

    [Fact]
    public void Empty_arrays_work()
    {
        var path = Path.Combine(_dir, "e.npy");
        NpyWriter.WriteFile<float>(path, []);
        using var a = NpyArray<float>.Open(path);
        Assert.Equal(0, a.Length);
        Assert.True(a.Span.IsEmpty);
    }

    [Fact]
    public void Reader_rejects_wrong_dtype_truncation_and_garbage()
    {
        var path = Path.Combine(_dir, "b.npy");
        NpyWriter.WriteFile<uint>(path, [1, 2, 3]);
        var e = Assert.Throws<BadInputException>(() => NpyArray<double>.Open(path));
        Assert.Contains("<u4", e.Message);

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        Assert.Throws<BadInputException>(() => NpyArray<uint>.Open(path));

        File.WriteAllText(path, "hello world, not numpy");
        Assert.Throws<BadInputException>(() => NpyArray<uint>.Open(path));
    }

    // Fuzzer findings (ReaderFuzzTests, seed 12): each escaped as another exception type or sized a buffer from a
    // damaged field before the checks below.
    [Fact]
    public void A_damaged_header_length_or_shape_is_bad_input_not_an_overflow_or_a_huge_buffer()
    {
        var path = Path.Combine(_dir, "d.npy");
        NpyWriter.WriteFile<long>(path, [1, 2, 3]);
        var good = File.ReadAllBytes(path);

        byte[] Damaged(Action<byte[]> edit) { var b = (byte[])good.Clone(); edit(b); return b; }
        string Error(byte[] bytes)
        {
            File.WriteAllBytes(path, bytes);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<BadInputException>(() => NpyArray<long>.Open(path));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "a damaged header must not size a large buffer");
            return e.Reason;
        }

        // A version 2 header length of 0x1000_0000 (was: a 256 MB buffer) and of 2^31 + (was: OverflowException).
        Assert.Contains("header length", Error(Damaged(b => { b[6] = 2; BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), 0x1000_0000); })));
        Assert.Contains("header length", Error(Damaged(b => { b[6] = 2; BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), 0x8000_0000); })));
        // A header length shorter than the bytes already read (was: ArgumentException from a copy).
        Assert.Contains("header length", Error(Damaged(b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(8), 1))));
        // A shape beyond long (was: OverflowException) and one whose byte size overflows (was: a negative size passing the check).
        Assert.Contains("too large", Error(Reshaped("99999999999999999999")));
        Assert.Contains("promises", Error(Reshaped("2305843009213693952")));

        // The shape replaced within the header's space padding, so the header length stays right.
        byte[] Reshaped(string n)
        {
            string text = Encoding.Latin1.GetString(good), old = "(3,), }";
            string padded = old + new string(' ', n.Length - 1);
            Assert.Contains(padded, text);
            return Encoding.Latin1.GetBytes(text.Replace(padded, $"({n},), }}"));
        }
    }

    [Fact]
    public void Reader_accepts_single_byte_arrays_with_any_byte_order_mark()
    {
        var path = Path.Combine(_dir, "c.npy");
        NpyWriter.WriteFile<byte>(path, [1, 0, 1]);
        Assert.Equal(new byte[] { 1, 0, 1 }, NpyArray<byte>.ReadAll(path));
        Assert.True(NpyDType.Matches<byte>("<u1"));
        Assert.True(NpyDType.Matches<uint>("=u4"));
        Assert.False(NpyDType.Matches<uint>(">u4"));
    }
}
