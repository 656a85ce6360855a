using System.Text;
using System.Text.RegularExpressions;
using Pangy.Core.Synth;

namespace Pangy.Core.Tests.Synth;

public class SyntheticGraphGeneratorTests
{
    private static readonly SynthOptions Small = new() { RefBp = 200_000, Haplotypes = 6, Seed = 7 };
    private static readonly SynthOptions SmallW = Small with { WLines = true };

    private static SynthTestGraph Graph => SynthTestGraph.Generate(Small);

    [Fact]
    public void SameOptionsGiveByteIdenticalFiles()
    {
        var first = SynthTestGraph.GenerateBytes(Small);
        var second = SynthTestGraph.GenerateBytes(Small);
        Assert.Equal(first.Gfa, second.Gfa);
        Assert.Equal(first.Layout, second.Layout);
        Assert.Equal(first.Report, second.Report);
    }

    [Fact]
    public void AnotherSeedGivesAnotherGraph()
    {
        var other = SynthTestGraph.GenerateBytes(Small with { Seed = 8 });
        Assert.NotEqual(Graph.GfaBytes, other.Gfa);
        Assert.NotEqual(Graph.Report.Segments, other.Report.Segments);
        Assert.Equal(Small.RefBp, other.Report.RefBp);
    }

    [Fact]
    public void RecordsComeInOrderHeaderSegmentsLinksPaths()
    {
        Assert.Equal("H\tVN:Z:1.0", Graph.Header);
        Assert.Equal(['S', 'L', 'P'], Graph.RecordOrder);
        Assert.Equal(0, Graph.WLines);
    }

    [Fact]
    public void ReportCountsMatchTheFile()
    {
        SynthReport report = Graph.Report;
        Assert.Equal(report.Segments, Graph.Segments.Count);
        Assert.Equal(report.Links, Graph.Links.Count);
        Assert.Equal(report.Paths, Graph.PLines);
        Assert.Equal(report.Steps, Graph.Paths.Sum(p => (long)p.Steps.Length));
        Assert.Equal(report.ReferenceSteps, Graph.Paths[0].Steps.Length);
        Assert.Equal(report.SegmentBp, Graph.Segments.Sum(s => (long)s.Sequence.Length));
        Assert.Equal(report.ReversedPaths, Graph.Paths.Count(p => p.Steps[0].Reverse)); // contigs start on backbone

        // The numbers for this seed, so that any change in the generator's output is noticed (retune → update).
        Assert.Equal((5_183L, 7_225L, 24L, 21_574L, 3_000L), (report.Segments, report.Links, report.Paths, report.Steps, report.ReferenceSteps));
        Assert.Equal((629L, 178L, 86L, 324L, 3L, 78L, 191L), (report.Sites.Snp, report.Sites.Insertion, report.Sites.Deletion,
            report.Sites.Multiallelic, report.Sites.Inversion, report.Sites.Sv, report.Sites.NestedSnp));
    }

    [Fact]
    public void SegmentIdsAreDenseInOrderWithAcgtSequences()
    {
        for (int i = 0; i < Graph.Segments.Count; i++)
        {
            Assert.Equal(i + 1, Graph.Segments[i].Id);
            string sequence = Graph.Segments[i].Sequence;
            Assert.InRange(sequence.Length, 1, 1024);
            Assert.True(sequence.All(c => c is 'A' or 'C' or 'G' or 'T'), $"segment {i + 1}: {sequence}");
        }
    }

    [Fact]
    public void LinksAreDistinctAndNameExistingSegments()
    {
        var all = new HashSet<TestLink>();
        foreach (TestLink link in Graph.Links)
        {
            Assert.InRange(link.From, 1, Graph.Segments.Count);
            Assert.InRange(link.To, 1, Graph.Segments.Count);
            Assert.True(all.Add(link), $"duplicate link {link}");
        }
        // Nor is any link written twice in its two spellings (a+ b+ and b- a-).
        Assert.All(Graph.Links, link => Assert.DoesNotContain(link.Flip(), all));
    }

    [Fact]
    public void EveryStepNamesASegmentAndEveryStepPairIsLinked() => AssertPathsFollowLinks(Graph);

    [Fact]
    public void EverySegmentAndLinkIsWalkedBySomePath()
    {
        var walkedSegments = new HashSet<int>();
        var walkedLinks = new HashSet<TestLink>();
        foreach (TestPath path in Graph.Paths)
        {
            for (int i = 0; i < path.Steps.Length; i++)
            {
                walkedSegments.Add(path.Steps[i].Segment);
                if (i > 0)
                {
                    var link = new TestLink(path.Steps[i - 1].Segment, path.Steps[i - 1].Reverse, path.Steps[i].Segment, path.Steps[i].Reverse);
                    walkedLinks.Add(link);
                    walkedLinks.Add(link.Flip());
                }
            }
        }
        Assert.Equal(Graph.Segments.Count, walkedSegments.Count);
        Assert.All(Graph.Links, link => Assert.Contains(link, walkedLinks));
    }

    [Fact]
    public void ReferencePathWalksTheWholeBackboneForward()
    {
        TestPath reference = Graph.Paths[0];
        Assert.Equal("GRCh38#0#chr1", reference.Name);
        Assert.Equal(Graph.Report.ReferencePath, reference.Name);
        Assert.All(reference.Steps, s => Assert.False(s.Reverse));
        Assert.Equal(1, reference.Steps[0].Segment);
        Assert.Equal(Graph.Segments.Count, reference.Steps[^1].Segment);
        Assert.True(reference.Steps.Zip(reference.Steps.Skip(1)).All(p => p.First.Segment < p.Second.Segment), "ids ascend along the reference");
        Assert.Equal(Small.RefBp, reference.Steps.Sum(s => (long)Graph.Segments[s.Segment - 1].Sequence.Length));
        Assert.Single(Graph.Paths, p => p.Name.Contains("GRCh38"));
    }

    [Fact]
    public void HaplotypePathsHavePanSnNamesInSamplePairs()
    {
        var shape = new Regex(@"^(HG|NA)\d{5}#[12]#JA[A-Z]{4}01\d{7}\.1#0$");
        List<TestPath> haplotypes = Graph.Paths.Skip(1).ToList();
        Assert.All(haplotypes, p => Assert.Matches(shape, p.Name));
        Assert.Equal(haplotypes.Count, haplotypes.Select(p => p.Name).Distinct().Count());

        var byHaplotype = haplotypes.GroupBy(p => p.Name[..p.Name.IndexOf('#', 8)]).ToList();
        Assert.Equal(Small.Haplotypes, byHaplotype.Count);
        Assert.Equal(Small.Haplotypes / 2, haplotypes.Select(p => p.Sample).Distinct().Count());
        Assert.All(haplotypes.GroupBy(p => p.Sample), sample =>
            Assert.Equal(["1", "2"], sample.Select(p => p.Haplotype).Distinct().Order()));

        // Several contigs per haplotype, each contig's accession prefix private to its haplotype.
        Assert.All(byHaplotype, h => Assert.InRange(h.Count(), 2, 5));
        Assert.Equal(Small.Haplotypes, haplotypes.Select(p => p.Contig[..6]).Distinct().Count());
    }

    [Fact]
    public void SomeContigsAreReversedAndContigsLeaveSmallGaps()
    {
        int reversed = 0;
        foreach (var haplotype in Graph.Paths.Skip(1).GroupBy(p => p.Name[..p.Name.IndexOf('#', 8)]))
        {
            // Put every contig back in reference orientation; contigs then follow each other along the chromosome.
            var contigs = haplotype.Select(p =>
            {
                bool isReversed = p.Steps[0].Segment > p.Steps[^1].Segment;
                // A reversed contig walks everything in reverse except inversions' inverted alleles.
                int against = p.Steps.Count(s => s.Reverse != isReversed);
                Assert.InRange(against, 0, Graph.Report.Sites.Inversion);
                if (isReversed)
                    reversed++;
                return isReversed ? p.Steps.Reverse().Select(s => s with { Reverse = !s.Reverse }).ToArray() : p.Steps;
            }).OrderBy(s => s[0].Segment).ToList();

            Assert.Equal(1, contigs[0][0].Segment);
            Assert.Equal(Graph.Segments.Count, contigs[^1][^1].Segment);
            for (int i = 1; i < contigs.Count; i++)
            {
                int skipped = contigs[i][0].Segment - contigs[i - 1][^1].Segment - 1;
                Assert.InRange(skipped, 1, 3); // gaps skip only backbone segments, a few at a time
            }
        }
        Assert.Equal(Graph.Report.ReversedPaths, reversed);
        Assert.InRange(reversed, 1, Graph.Report.Paths - 2);
    }

    [Fact]
    public void LayoutHasTwoRowsPerSegmentInOrder()
    {
        List<string> lines = Graph.LayoutLines;
        Assert.Equal("idx\tX\tY\tcomponent", lines[0]);
        Assert.Equal(2 * Graph.Segments.Count, lines.Count - 1);
        for (int row = 0; row < lines.Count - 1; row++)
        {
            string[] f = lines[row + 1].Split('\t');
            Assert.Equal(4, f.Length);
            Assert.Equal(row.ToString(), f[0]);
            Assert.True(double.TryParse(f[1], System.Globalization.CultureInfo.InvariantCulture, out double x) && x >= 0, lines[row + 1]);
            Assert.True(double.TryParse(f[2], System.Globalization.CultureInfo.InvariantCulture, out _), lines[row + 1]);
            Assert.Equal("0", f[3]);
        }

        // Backbone segments lie along the reference: segment 1 starts at 0 and ends at its length.
        Assert.Equal($"1\t{Graph.Segments[0].Sequence.Length}.0\t0.0\t0", lines[2]);
    }

    [Fact]
    public void WLineModeWritesWalksWithLengths()
    {
        SynthTestGraph w = SynthTestGraph.Generate(SmallW);
        Assert.Equal("H\tVN:Z:1.1", w.Header);
        Assert.Equal(['S', 'L', 'W'], w.RecordOrder);
        Assert.Equal(0, w.PLines);
        Assert.Equal(w.Report.Paths, w.WLines);
        Assert.True(w.Report.WLines);

        // Same graph, same walks: only the path records' syntax differs.
        Assert.Equal(Graph.Segments, w.Segments);
        Assert.Equal(Graph.Links, w.Links);
        Assert.Equal(Graph.Paths.Select(p => p.Steps), w.Paths.Select(p => p.Steps));
        Assert.Equal(Graph.Report.Steps, w.Report.Steps);
        Assert.Equal(Graph.LayoutBytes, w.LayoutBytes);

        TestPath reference = w.Paths[0];
        Assert.Equal(("GRCh38", "0", "chr1", 0L, Small.RefBp), (reference.Sample, reference.Haplotype, reference.Contig, reference.Start, reference.End));
        string firstLine = Encoding.ASCII.GetString(w.GfaBytes).Split('\n').First(l => l.StartsWith('W'));
        Assert.StartsWith($"W\tGRCh38\t0\tchr1\t0\t{Small.RefBp}\t>1>", firstLine);

        foreach (TestPath path in w.Paths.Skip(1))
        {
            Assert.Matches(new Regex(@"^(HG|NA)\d{5}$"), path.Sample);
            Assert.Matches(new Regex(@"^JA[A-Z]{4}01\d{7}\.1$"), path.Contig);
            Assert.Equal(0, path.Start);
            Assert.Equal(path.Steps.Sum(s => (long)w.Segments[s.Segment - 1].Sequence.Length), path.End);
        }
        AssertPathsFollowLinks(w);
    }

    [Fact]
    public void ExpectedBubblesAreWhatTheReferenceAlgorithmFinds()
    {
        SynthReport report = Graph.Report;
        SynthSiteCounts sites = report.Sites;
        Assert.True(sites.Snp > 0 && sites.Insertion > 0 && sites.Deletion > 0 && sites.Multiallelic > 0
            && sites.Inversion > 0 && sites.Sv > 0 && sites.NestedSnp >= sites.Sv, $"every kind of site occurs: {sites}");

        List<OracleBubble> bubbles = BubbleOracle.Run(Graph.Segments.Count, Graph.Links);
        Assert.Equal(report.ExpectedBubbles.Simple, bubbles.Count(b => b.Kind == OracleKind.Simple));
        Assert.Equal(report.ExpectedBubbles.Insertion, bubbles.Count(b => b.Kind == OracleKind.Insertion));
        Assert.Equal(report.ExpectedBubbles.Super, bubbles.Count(b => b.Kind == OracleKind.Super));
        Assert.Equal(report.ExpectedBubbles.Total, bubbles.Count);

        // Nested SNPs are simple bubbles whose parent is a super bubble; no other bubble has a parent.
        var nested = bubbles.Where(b => b.Parent is not null).ToList();
        Assert.Equal(report.ExpectedBubbles.Nested, nested.Count);
        Assert.All(nested, b =>
        {
            Assert.Equal(OracleKind.Simple, b.Kind);
            Assert.Equal(OracleKind.Super, bubbles[b.Parent!.Value].Kind);
        });
        Assert.Equal(sites.Sv, nested.Select(b => b.Parent).Distinct().Count());
    }

    [Theory]
    [InlineData(1UL, 2)]
    [InlineData(2UL, 5)]
    [InlineData(3UL, 12)]
    public void ExpectedBubblesHoldForOtherSeeds(ulong seed, int haplotypes)
    {
        SynthTestGraph graph = SynthTestGraph.Generate(new SynthOptions { RefBp = 300_000, Haplotypes = haplotypes, Seed = seed });
        List<OracleBubble> bubbles = BubbleOracle.Run(graph.Segments.Count, graph.Links);
        SynthBubbleCounts expected = graph.Report.ExpectedBubbles;
        Assert.Equal((expected.Simple, expected.Insertion, expected.Super, expected.Nested),
            (bubbles.LongCount(b => b.Kind == OracleKind.Simple), bubbles.LongCount(b => b.Kind == OracleKind.Insertion),
             bubbles.LongCount(b => b.Kind == OracleKind.Super), bubbles.LongCount(b => b.Parent is not null)));
        AssertPathsFollowLinks(graph);
    }

    [Fact]
    public void ReportRoundTripsThroughJson()
    {
        using var json = new MemoryStream();
        Graph.Report.WriteJson(json);
        string text = Encoding.UTF8.GetString(json.ToArray());
        Assert.Contains("\"expectedBubbles\"", text);
        Assert.Contains("\"nestedSnp\"", text);
        json.Position = 0;
        SynthReport back = SynthReport.ReadJson(json);
        Assert.Equal(Graph.Report, back);
    }

    [Fact]
    public void GenerateFilesWritesThreeFiles()
    {
        string folder = Path.Combine(Path.GetTempPath(), "pangy-synth-" + Guid.NewGuid().ToString("N"));
        try
        {
            string prefix = Path.Combine(folder, "sub", "g");
            SynthReport report = SyntheticGraphGenerator.GenerateFiles(Small, prefix);
            Assert.Equal(Graph.GfaBytes, File.ReadAllBytes(prefix + ".gfa"));
            Assert.Equal(Graph.LayoutBytes, File.ReadAllBytes(prefix + ".lay.tsv"));
            using FileStream json = File.OpenRead(prefix + ".json");
            Assert.Equal(report.Segments, SynthReport.ReadJson(json).Segments);
            Assert.Equal(["g.gfa", "g.json", "g.lay.tsv"], Directory.GetFiles(Path.Combine(folder, "sub")).Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ChromosomeNameAndHaplotypeCountAreHonoured()
    {
        var options = new SynthOptions { RefBp = 20_000, Haplotypes = 3, Chrom = "chr22", Seed = 1 };
        SynthTestGraph graph = SynthTestGraph.Generate(options);
        Assert.Equal("GRCh38#0#chr22", graph.Paths[0].Name);
        Assert.Equal(20_000, graph.Paths[0].Steps.Sum(s => (long)graph.Segments[s.Segment - 1].Sequence.Length));
        // An odd count: the last sample has haplotype 1 only.
        var haplotypes = graph.Paths.Skip(1).Select(p => p.Name[..p.Name.IndexOf('#', 8)]).Distinct().ToList();
        Assert.Equal(3, haplotypes.Count);
        Assert.EndsWith("#1", haplotypes[^1]);
        AssertPathsFollowLinks(graph);
    }

    [Theory]
    [InlineData(999, 4)]
    [InlineData(10_000, 0)]
    public void BadOptionsAreRefused(long refBp, int haplotypes)
    {
        var options = new SynthOptions { RefBp = refBp, Haplotypes = haplotypes };
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGraphGenerator.Generate(options, Stream.Null, Stream.Null));
    }

    [Fact]
    public void BadChromosomeNameIsRefused()
    {
        var options = new SynthOptions { RefBp = 10_000, Haplotypes = 2, Chrom = "chr 1" };
        Assert.Throws<ArgumentException>(() => SyntheticGraphGenerator.Generate(options, Stream.Null, Stream.Null));
    }

    [Fact]
    public void CancellationStopsGeneration()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            SyntheticGraphGenerator.Generate(Small, Stream.Null, Stream.Null, cancelled.Token));
    }

    private static void AssertPathsFollowLinks(SynthTestGraph graph)
    {
        var links = new HashSet<TestLink>();
        foreach (TestLink link in graph.Links)
        {
            links.Add(link);
            links.Add(link.Flip());
        }
        foreach (TestPath path in graph.Paths)
        {
            Assert.NotEmpty(path.Steps);
            Assert.All(path.Steps, s => Assert.InRange(s.Segment, 1, graph.Segments.Count));
            for (int i = 1; i < path.Steps.Length; i++)
            {
                var needed = new TestLink(path.Steps[i - 1].Segment, path.Steps[i - 1].Reverse, path.Steps[i].Segment, path.Steps[i].Reverse);
                Assert.True(links.Contains(needed), $"{path.Name}: no link for step pair {i - 1},{i}: {needed}");
            }
        }
    }
}
