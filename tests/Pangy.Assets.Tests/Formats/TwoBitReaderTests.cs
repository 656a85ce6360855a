using Pangy.Core.Formats;
using Pangy.Core.Formats.ChromAlias;
using Pangy.Core.Formats.ChromSizes;
using Pangy.Core.Formats.TwoBit;

namespace Pangy.Assets.Tests.Formats;

/// <summary>The .2bit reader against GenomeKit's real files and an independent decoder.</summary>
public sealed class TwoBitReaderTests
{
    public static TheoryData<string> Assemblies() => [.. TestData.Assemblies];

    [Theory]
    [InlineData("hg19.mini", "hg19.mini")]
    [InlineData("hg38.p12.mini", "hg38.p12.mini")]
    // hg38.p14.mini's chrom.sizes names its sequence by RefSeq (NC_000002.12) while its 2bit says chr2; GRCh38's
    // alias table (the p12 file: primary names do not change between patches) maps one to the other.
    [InlineData("hg38.p14.mini", "hg38.p12.mini")]
    public void NamesAndSizesEqualChromSizes(string assembly, string aliases)
    {
        using var reader = TwoBitReader.Open(TestData.Assets(assembly + ".2bit"));
        var sizes = ChromSizesReader.Read(TestData.Assets(assembly + ".chrom.sizes"));
        var resolver = new ChromNameResolver(ChromAliasReader.Read(TestData.Assets(aliases + ".chromAlias.txt")));
        Assert.Equal(sizes.Select(s => (resolver.Resolve(s.Name), s.Length)).OrderBy(s => s.Item1),
            reader.Sequences.Select(s => ((string?)s.Name, s.Length)).OrderBy(s => s.Item1));
        Assert.Equal(sizes.Count, reader.Sequences.Count);
    }

    [Fact]
    public void A_linked_2bit_reads_like_the_file_it_leads_to()
    {
        // FileInfo sized the link itself (the length of its target's path), which failed as "too short for a header".
        string dir = Directory.CreateTempSubdirectory("pangy-2bit-link").FullName;
        try
        {
            string link = Path.Combine(dir, "hg19.2bit");
            File.CreateSymbolicLink(link, Path.GetFullPath(TestData.Assets("hg19.mini.2bit")));
            using var linked = TwoBitReader.Open(link);
            using var direct = TwoBitReader.Open(TestData.Assets("hg19.mini.2bit"));
            Assert.Equal(direct.Sequences.Select(s => (s.Name, s.Length)), linked.Sequences.Select(s => (s.Name, s.Length)));
            var first = direct.Sequences[0];
            Assert.Equal(direct.ReadString(first.Name, 0, first.Length), linked.ReadString(first.Name, 0, first.Length));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory, MemberData(nameof(Assemblies))]
    public void WholeSequencesEqualTheIndependentDecoder(string assembly)
    {
        var expected = new IndependentTwoBit(File.ReadAllBytes(TestData.Assets(assembly + ".2bit")));
        using var reader = TwoBitReader.Open(TestData.Assets(assembly + ".2bit"));
        foreach (var seq in expected.Sequences)
        {
            Assert.Equal(seq.Bases, reader.ReadString(seq.Name, 0, seq.Bases.Length));
            Assert.Equal(seq.Bases.ToUpperInvariant(), reader.ReadString(seq.Name, 0, seq.Bases.Length, softMask: false));
        }
    }

    [Theory, MemberData(nameof(Assemblies))]
    public void WindowsAtBlockEdgesAndEndsEqualTheIndependentDecoder(string assembly)
    {
        string path = TestData.Assets(assembly + ".2bit");
        var expected = new IndependentTwoBit(File.ReadAllBytes(path));
        // GenomeKit's files are soft-masked but have no N blocks.
        Assert.Contains(expected.Sequences, s => s.MaskBlocks.Count > 0);
        CheckWindows(path, expected);
    }

    [Fact]
    public void WindowsAcrossNBlocksEqualTheIndependentDecoder()
    {
        // The real hg19 sequences with N runs (upper and lower case) written over them: at both ends, inside and
        // across soft-masked blocks, one base long, and touching each other's edges.
        var real = new IndependentTwoBit(File.ReadAllBytes(TestData.Assets("hg19.mini.2bit")));
        string path = Path.Combine(Directory.CreateTempSubdirectory("pangy-2bit").FullName, "withN.2bit");
        using (var w = new TwoBitWriter(path))
        {
            foreach (var seq in real.Sequences)
            {
                var bases = seq.Bases.ToCharArray();
                int len = bases.Length;
                void Run(int s, int z) { for (int i = Math.Max(0, s); i < Math.Min(len, s + z); i++) bases[i] = char.IsLower(bases[i]) ? 'n' : 'N'; }
                Run(0, 37);
                Run(len - 21, 21);
                Run(len / 2, 1);
                Run(len / 3, 5000);
                foreach (var (ms, mz) in seq.MaskBlocks.Take(20)) Run((int)ms - 3, 7);
                w.BeginSequence(seq.Name);
                w.Append(System.Text.Encoding.ASCII.GetBytes(bases));
            }
            w.Commit();
        }
        var expected = new IndependentTwoBit(File.ReadAllBytes(path));
        Assert.All(expected.Sequences, s => Assert.True(s.NBlocks.Count >= 4));
        CheckWindows(path, expected);
    }

    private static void CheckWindows(string path, IndependentTwoBit expected)
    {
        using var reader = TwoBitReader.Open(path);
        foreach (var seq in expected.Sequences)
        {
            long len = seq.Bases.Length;
            // Every block edge (N and soft-mask), windows straddling it, starting and ending on it; and both ends.
            var points = new List<long> { 0, 1, 2, 3, 4, 5, len - 5, len - 3, len - 1, len };
            foreach (var (s, z) in seq.NBlocks.Concat(seq.MaskBlocks)) points.AddRange([s, s + z]);
            foreach (long p in points.Where(p => p >= 0 && p <= len).Distinct())
                foreach (var (a, b) in new[] { (p - 7, p + 9), (p, p + 13), (p - 1, p), (p - 33, p + 1), (p, p) })
                {
                    long s = Math.Clamp(a, 0, len), e = Math.Clamp(b, s, len);
                    Assert.Equal(seq.Bases[(int)s..(int)e], reader.ReadString(seq.Name, s, e));
                }
            var random = new Random(17);
            for (int i = 0; i < 200; i++)
            {
                long s = random.NextInt64(0, len), e = Math.Min(len, s + random.NextInt64(0, 3000));
                Assert.Equal(seq.Bases[(int)s..(int)e], reader.ReadString(seq.Name, s, e));
            }
        }
    }

    [Fact]
    public void AByteSwappedRealFileReadsTheSame()
    {
        byte[] original = File.ReadAllBytes(TestData.Assets("hg19.mini.2bit"));
        string path = Path.Combine(Directory.CreateTempSubdirectory("pangy-2bit").FullName, "swapped.2bit");
        File.WriteAllBytes(path, IndependentTwoBit.ByteSwap(original));
        var expected = new IndependentTwoBit(original);
        using var reader = TwoBitReader.Open(path);
        Assert.True(reader.IsBigEndian);
        foreach (var seq in expected.Sequences)
            Assert.Equal(seq.Bases, reader.ReadString(seq.Name, 0, seq.Bases.Length));
    }

    [Theory]
    [InlineData(1u, false)]
    [InlineData(1u, true)]
    [InlineData(0u, true)]
    public void VersionOneAndBigEndianFilesFromTheWriterReadTheSame(uint version, bool bigEndian)
    {
        var expected = new IndependentTwoBit(File.ReadAllBytes(TestData.Assets("hg19.mini.2bit")));
        string path = Path.Combine(Directory.CreateTempSubdirectory("pangy-2bit").FullName, "out.2bit");
        using (var w = new TwoBitWriter(path, new TwoBitWriterOptions { Version = version, BigEndian = bigEndian }))
        {
            foreach (var seq in expected.Sequences)
            {
                w.BeginSequence(seq.Name);
                w.Append(System.Text.Encoding.ASCII.GetBytes(seq.Bases));
            }
            w.Commit();
        }
        var written = new IndependentTwoBit(File.ReadAllBytes(path));
        Assert.Equal(version, written.Version);
        Assert.Equal(bigEndian, written.Swapped);
        using var reader = TwoBitReader.Open(path);
        Assert.Equal(version, reader.Version);
        foreach (var seq in expected.Sequences)
        {
            Assert.Equal(seq.Bases, reader.ReadString(seq.Name, 0, seq.Bases.Length));
            Assert.Equal(seq.NBlocks, written[seq.Name].NBlocks);
            Assert.Equal(seq.MaskBlocks, written[seq.Name].MaskBlocks);
        }
    }

    [Fact]
    public void BadFilesNameTheFileTheByteAndTheReason()
    {
        string dir = Directory.CreateTempSubdirectory("pangy-2bit").FullName;
        byte[] good = File.ReadAllBytes(TestData.Assets("hg38.p12.mini.2bit"));

        string notTwoBit = Path.Combine(dir, "fasta.2bit");
        File.WriteAllText(notTwoBit, ">chr1\nACGTACGTACGTACGTACGT\n");
        var e = Assert.Throws<BadInputException>(() => TwoBitReader.Open(notTwoBit));
        Assert.Contains("fasta.2bit: byte 0: not a .2bit file", e.Message);

        string v2 = Path.Combine(dir, "v2.2bit");
        var bytes = (byte[])good.Clone();
        bytes[4] = 2;
        File.WriteAllBytes(v2, bytes);
        e = Assert.Throws<BadInputException>(() => TwoBitReader.Open(v2));
        Assert.Contains("byte 4: version 2 is not supported", e.Message);

        string truncated = Path.Combine(dir, "truncated.2bit");
        File.WriteAllBytes(truncated, good[..(good.Length - 100)]);
        using var reader = TwoBitReader.Open(truncated); // the index is intact; the record is checked on first use
        e = Assert.Throws<BadInputException>(() => reader.ReadString("chr2", 0, 10));
        Assert.Contains("bases of 'chr2' runs past the end of the file", e.Message);

        Assert.Throws<KeyNotFoundException>(() => reader.ReadString("chr9", 0, 1));
    }

    // Fuzzer finding (ReaderFuzzTests, 2bit): a version 1 index offset of 2^63 or more escaped as OverflowException.
    [Fact]
    public void A_version_one_offset_beyond_a_long_is_bad_input()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("pangy-2bit").FullName, "v1.2bit");
        using (var w = new TwoBitWriter(path, new TwoBitWriterOptions { Version = 1 }))
        {
            w.BeginSequence("chr1");
            w.Append("ACGTNNNNacgt"u8);
            w.Commit();
        }
        var bytes = File.ReadAllBytes(path);
        int entry = 16, offsetAt = entry + 1 + bytes[entry]; // header, then name length, name, u64 offset
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offsetAt), 0x8000_0000_0000_0000UL);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<BadInputException>(() => TwoBitReader.Open(path));
        Assert.Contains($"byte {offsetAt}: offset 9223372036854775808 of sequence 'chr1' is outside the file's records", e.Message);
    }
}
