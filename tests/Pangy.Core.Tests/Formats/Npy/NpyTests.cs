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
