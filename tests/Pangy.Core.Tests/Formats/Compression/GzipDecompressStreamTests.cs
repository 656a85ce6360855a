using System.IO.Compression;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Compression;

namespace Pangy.Core.Tests.Formats.Compression;

public class GzipDecompressStreamTests
{
    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    private static byte[] Data(int n, int seed = 1)
    {
        var d = new byte[n];
        new Random(seed).NextBytes(d);
        for (int i = 0; i < n; i++) d[i] = (byte)"ACGT\n"[d[i] % 5];
        return d;
    }

    private static byte[] ReadAll(byte[] file, string name = "f.gz")
    {
        using var s = InputStreams.OpenDecompressed(new MemoryStream(file), name, out _);
        var ms = new MemoryStream();
        s.CopyTo(ms, 777); // an odd buffer size exercises partial reads
        return ms.ToArray();
    }

    [Fact]
    public void Reads_a_whole_member()
    {
        var data = Data(3_000_000);
        Assert.Equal(data, ReadAll(Gzip(data)));
    }

    [Fact]
    public void Reads_concatenated_members_like_bgzip_with_its_empty_eof_block()
    {
        var a = Data(100_000, 1);
        var b = Data(50_000, 2);
        var file = Gzip(a).Concat(Gzip(b)).Concat(Pangy.Core.Formats.BinPath.BinPathWriter.Encode([])).ToArray();
        Assert.Equal(a.Concat(b).ToArray(), ReadAll(file));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void Truncation_is_an_error_naming_the_file(double keep)
    {
        var file = Gzip(Data(1_000_000));
        var cut = file[..(int)(file.Length * keep)];
        var e = Assert.Throws<BadInputException>(() => ReadAll(cut, "cut.gfa.gz"));
        Assert.Equal("cut.gfa.gz", e.File);
        Assert.Contains("truncated", e.Reason);
    }

    [Fact]
    public void A_missing_trailer_is_an_error()
    {
        var file = Gzip(Data(10_000));
        Assert.Throws<BadInputException>(() => ReadAll(file[..^4]));
    }

    [Fact]
    public void Corruption_is_an_error()
    {
        var file = Gzip(Data(200_000));
        file[file.Length / 2] ^= 0x55;
        file[file.Length / 2 + 1] ^= 0x55;
        var e = Assert.Throws<BadInputException>(() => ReadAll(file));
        Assert.Contains("gzip", e.Reason);
    }

    [Fact]
    public void Zero_padding_is_tolerated_and_garbage_is_not()
    {
        var data = Data(1000);
        Assert.Equal(data, ReadAll(Gzip(data).Concat(new byte[100]).ToArray()));
        Assert.Throws<BadInputException>(() => ReadAll(Gzip(data).Concat("junk"u8.ToArray()).ToArray()));
    }

    [Fact]
    public void Plain_input_passes_through()
    {
        var data = Data(5000);
        using var s = InputStreams.OpenDecompressed(new MemoryStream(data), "plain", out bool gz);
        Assert.False(gz);
        var ms = new MemoryStream();
        s.CopyTo(ms);
        Assert.Equal(data, ms.ToArray());
    }
}
