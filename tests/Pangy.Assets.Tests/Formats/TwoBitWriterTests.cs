using System.IO.Compression;
using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Formats.TwoBit;

namespace Pangy.Assets.Tests.Formats;

/// <summary>FASTA → .2bit → sequences: N runs, lower case and lower-case n come back exactly.</summary>
public sealed class TwoBitWriterTests
{
    private static readonly (string Name, string Bases)[] Records =
    [
        ("chrA", "NNNNacgtACGTnnnnACGTNNacgtnNaCGTAcgtaT"),
        ("chrB", "G"),
        ("chrC_with_long_name_" + new string('x', 100), "acgtacgtacgtNNNN"),
        ("chrD", ""),
        ("chrE", string.Concat(Enumerable.Range(0, 5000).Select(i => "ACGTNacgtn"[(i * 7 + i / 13) % 10]))),
    ];

    private static string Fasta(string newline) =>
        string.Concat(Records.Select(r => $">{r.Name} some description{newline}" + string.Concat(r.Bases.Chunk(60).Select(c => new string(c) + newline))));

    [Theory]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    [InlineData("\n", true)]
    public void FastaRoundTripsExactly(string newline, bool gzip)
    {
        string dir = Directory.CreateTempSubdirectory("pangy-fa").FullName;
        string fasta = Path.Combine(dir, "in.fa" + (gzip ? ".gz" : ""));
        byte[] text = Encoding.ASCII.GetBytes(Fasta(newline));
        if (gzip)
        {
            using var f = File.Create(fasta);
            using var z = new GZipStream(f, CompressionLevel.Fastest);
            z.Write(text);
        }
        else File.WriteAllBytes(fasta, text);
        string output = Path.Combine(dir, "out.2bit");
        var result = FastaToTwoBit.Run(fasta, output);
        Assert.Equal(Records.Length, result.Sequences);
        Assert.Equal(Records.Sum(r => r.Bases.Length), result.Bases);
        Assert.Equal(0, result.AmbiguousBasesStoredAsN);

        var independent = new IndependentTwoBit(File.ReadAllBytes(output));
        using var reader = TwoBitReader.Open(output);
        Assert.Equal(Records.Select(r => r.Name), reader.Sequences.Select(s => s.Name));
        foreach (var (name, bases) in Records)
        {
            Assert.Equal(bases, reader.ReadString(name, 0, bases.Length));
            Assert.Equal(bases, independent[name].Bases);
        }
        Assert.Equal([(0L, 4L), (12, 4), (20, 2), (26, 2)], independent["chrA"].NBlocks);
        Assert.Equal([(4L, 4L), (12, 4), (22, 5), (28, 1), (33, 4)], independent["chrA"].MaskBlocks);
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp"));
    }

    [Fact]
    public void TheSameFastaGivesTheSameBytes()
    {
        string dir = Directory.CreateTempSubdirectory("pangy-fa").FullName;
        File.WriteAllText(Path.Combine(dir, "in.fa"), Fasta("\n"));
        FastaToTwoBit.Run(Path.Combine(dir, "in.fa"), Path.Combine(dir, "a.2bit"));
        FastaToTwoBit.Run(Path.Combine(dir, "in.fa"), Path.Combine(dir, "b.2bit"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a.2bit")), File.ReadAllBytes(Path.Combine(dir, "b.2bit")));
    }

    [Fact]
    public void IupacLettersAreStoredAsNAndCounted()
    {
        string dir = Directory.CreateTempSubdirectory("pangy-fa").FullName;
        File.WriteAllText(Path.Combine(dir, "in.fa"), ">s\nACRYGTmk\n");
        var result = FastaToTwoBit.Run(Path.Combine(dir, "in.fa"), Path.Combine(dir, "out.2bit"));
        Assert.Equal(4, result.AmbiguousBasesStoredAsN);
        using var reader = TwoBitReader.Open(Path.Combine(dir, "out.2bit"));
        Assert.Equal("ACNNGTnn", reader.ReadString("s", 0, 8));
    }

    [Theory]
    [InlineData("ACGT\n>s\nACGT\n", 1, "sequence data before the first '>' header")]
    [InlineData(">s\nACGT\nAC-GT\n", 3, "'-' is not a nucleotide letter")]
    [InlineData(">s\nACGT\n>s\nA\n", 3, "sequence 's' appears twice")]
    [InlineData(">\nACGT\n", 1, "a '>' header without a name")]
    public void BadFastaNamesFileLineAndReasonAndLeavesNoOutput(string text, int line, string reason)
    {
        string dir = Directory.CreateTempSubdirectory("pangy-fa").FullName;
        string fasta = Path.Combine(dir, "bad.fa");
        File.WriteAllText(fasta, text);
        var e = Assert.Throws<BadInputException>(() => FastaToTwoBit.Run(fasta, Path.Combine(dir, "out.2bit")));
        Assert.Equal(fasta, e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(reason, e.Reason);
        Assert.Equal(["bad.fa"], Directory.EnumerateFiles(dir).Select(Path.GetFileName));
    }
}
