using System.IO.Compression;
using Pangy.Core.Formats;
using Pangy.Core.Formats.BinPath;

namespace Pangy.Core.Tests.Formats.BinPath;

public class BinPathTests
{
    private static byte[] Gzip(byte[] payload)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(payload);
        return ms.ToArray();
    }

    private static byte[] Gunzip(byte[] file)
    {
        using var gz = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
        var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    [Fact]
    public void Decodes_the_reference_example()
    {
        // §5.1: hprc.clip GRCh38__1.binpath starts 02 04 04 04 04 04 0c → 1+ 2+ 3+ 4+ 5+ 6+ 9+
        var steps = BinPathReader.Read(new MemoryStream(Gzip([0x02, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0c])), "x");
        Assert.Equal(["1+", "2+", "3+", "4+", "5+", "6+", "9+"], steps.Select(PathStep.ToText));
        // HG00621#1__3.binpath starts ce 92 06 → c0 = 100686 → 50343+
        var first = BinPathReader.Read(new MemoryStream(Gzip([0xce, 0x92, 0x06])), "y");
        Assert.Equal(100686, first[0]);
        Assert.Equal("50343+", PathStep.ToText(first[0]));
    }

    [Fact]
    public void Encodes_first_value_raw_and_the_rest_as_zigzag_deltas()
    {
        long[] steps = [PathStep.Combine(1, false), PathStep.Combine(2, false), PathStep.Combine(1, true), PathStep.Combine(70000, false)];
        var payload = Gunzip(BinPathWriter.Encode(steps));
        // 2 raw; +2 → zigzag 4; 3-4=-1 → zigzag 1; 140000-3 → zigzag 279994 = varint e2 c5 11... (3 bytes)
        Assert.Equal(new byte[] { 0x02, 0x04, 0x01 }, payload[..3]);
        Assert.Equal(6, payload.Length);
        Assert.Equal(steps, BinPathReader.Read(new MemoryStream(BinPathWriter.Encode(steps)), "z"));
    }

    [Fact]
    public void Round_trips_random_paths_and_is_deterministic()
    {
        var rng = new Random(7);
        var steps = Enumerable.Range(0, 100_000).Select(_ => PathStep.Combine(rng.NextInt64(0, PathStep.MaxSegmentId), rng.Next(2) == 1)).ToArray();
        var a = BinPathWriter.Encode(steps);
        var b = BinPathWriter.Encode(steps);
        Assert.Equal(a, b);
        Assert.Equal(0, a[4] | a[5] | a[6] | a[7]); // gzip mtime 0
        Assert.Equal(steps, BinPathReader.Read(new MemoryStream(a), "r"));
    }

    [Fact]
    public void Empty_path_is_the_gzip_of_an_empty_payload()
    {
        var file = BinPathWriter.Encode([]);
        Assert.Empty(Gunzip(file));
        Assert.Empty(BinPathReader.Read(new MemoryStream(file), "e"));
    }

    [Fact]
    public void Reads_the_legacy_headered_format()
    {
        var header = System.Text.Encoding.UTF8.GetBytes("{\"id\":\"x\",\"full_id\":\"x\",\"contig\":\"x\",\"start\":0,\"length\":2,\"is_ref\":false}");
        var ms = new MemoryStream();
        ms.Write(BitConverter.GetBytes((uint)header.Length));
        ms.Write(header);
        ms.Write(BinPathWriter.Encode([10, 12]));
        Assert.Equal(new long[] { 10, 12 }, BinPathReader.Read(new MemoryStream(ms.ToArray()), "legacy"));
    }

    [Fact]
    public void Truncated_or_foreign_files_are_clear_errors()
    {
        var payloadCut = Gzip([0x02, 0x84]); // ends inside a varint
        var e = Assert.Throws<BadInputException>(() => BinPathReader.Read(new MemoryStream(payloadCut), "cut.binpath"));
        Assert.Equal("cut.binpath", e.File);
        Assert.Throws<BadInputException>(() => BinPathReader.Read(new MemoryStream("definitely not a path file"u8.ToArray()), "t"));
        var good = BinPathWriter.Encode(Enumerable.Range(0, 5000).Select(i => (long)i * 2).ToArray());
        Assert.Throws<BadInputException>(() => BinPathReader.Read(new MemoryStream(good[..(good.Length / 2)]), "half"));
    }
}
