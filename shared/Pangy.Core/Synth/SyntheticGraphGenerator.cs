namespace Pangy.Core.Synth;

/// <summary>
/// Generates a synthetic pangenome graph shaped like one chromosome of a minigraph-cactus graph, for benchmarks
/// and scale tests: a GFA (all S lines, then all L lines, then one P or W line per path), its odgi-style layout
/// TSV, and a <see cref="SynthReport"/> that says what was generated and which bubbles a finder must report.
/// </summary>
/// <remarks>
/// <para><b>Structure.</b> A reference backbone of runs of 1–5 segments alternates with variant sites:
/// <c>run 0, site 0, run 1, …, site K−1, run K</c>. Segment ids are dense (1..N) and ascending in that order;
/// S lines are in id order. Below, P is the last segment of the run before a site and N the first of the run
/// after it; every link is written once, as given (<c>a+ b+</c> unless shown otherwise). Between two sites there
/// is always at least one backbone segment, so sites never share an allele, and each site's boundary sides
/// (P's end, N's start) carry only that site's edges. Bubble classes are those of reference §6.3, computed on
/// the compacted graph (§6.2; backbone runs compact into one node, alleles never do).</para>
/// <list type="table">
/// <listheader><term>kind</term><description>topology → bubble</description></listheader>
/// <item><term>SNP</term><description>P→A→N, P→B→N; A and B single 1-bp segments; no P→N edge.
/// → one <c>simple</c> bubble {P, N} (2 interior nodes of side-degree 1 with equal neighbours, source and
/// sink not adjacent).</description></item>
/// <item><term>insertion</term><description>P→X→N plus the direct P→N edge; the reference takes P→N.
/// → one <c>insertion</c> bubble (1 interior node whose neighbours are exactly source and sink).</description></item>
/// <item><term>deletion</term><description>the same links; the reference walks X and carriers take P→N.
/// → one <c>insertion</c> bubble.</description></item>
/// <item><term>multi-allelic</term><description>P→Aj→N for 3–5 single-segment alleles, no P→N edge.
/// → one <c>super</c> bubble (3+ interior nodes).</description></item>
/// <item><term>SV</term><description>a chain <c>a0, {s1A|s1B}, a1, …, {skA|skB}, ak</c> (k = 1–4 SNP sites
/// inside it) from P to N, alongside either a reference run R of 1–3 segments (P→R…→N; "replacement") or
/// the direct P→N edge (the reference takes it: "insertion"; or the reference walks the chain and carriers
/// take it: "deletion"). → one <c>super</c> bubble {P, N} (interior: R, the a's and the s's, at least 4 nodes),
/// and one <c>simple</c> bubble {a(j−1), aj} per inner SNP site, whose only super bubble containing it is
/// that SV's, so its parent (§6.5) is the SV. The a's are single segments between branchings, so the chain
/// never compacts.</description></item>
/// <item><term>inversion</term><description>one segment X walked forward by the reference and in reverse by
/// carriers: <c>P+ X+</c>, <c>X+ N+</c>, <c>P+ X-</c>, <c>X- N+</c>. → <b>no bubble</b>. Both sides of X touch
/// both P and N, so the search (§6.3) from P or N stalls at X (X's parents on either side include the far
/// boundary, which is only reachable through X), and the search from X runs in both directions until it meets a
/// tip or another inversion. A bidirected superbubble cannot contain a segment traversed in both orientations
/// between the same two boundaries, so no topology of this kind can yield one; the neighbouring sites still give
/// their own bubbles because they end at P and start at N.</description></item>
/// </list>
/// <para><b>Paths.</b> The reference path <c>GRCh38#0#{chrom}</c> walks the whole backbone and every site's
/// reference allele, spelling exactly <see cref="SynthOptions.RefBp"/> bp. Haplotypes h = 0..H−1 are samples'
/// haplotypes 1 and 2 (<c>HG00438#1#JAHBCB010000123.1#0</c>). Each picks its alleles from per-site allele
/// frequencies, is cut into several contigs (2–5, plus one per 10 Mbp) by gaps that skip 1–3 backbone segments
/// inside a backbone run, and about half of its contigs are written reversed (reversed step order, flipped
/// orientations). W-line mode writes <c>W sample hap contig 0 length walk</c> (GFA 1.1 header) instead.</para>
/// <para><b>Size.</b> About one site per 150 bp and 26 segments per kbp: 50 Mbp with 88 haplotypes gives ~1.3 M
/// segments and ~67 M steps (human chr22), 248 Mbp ~6.4 M segments and ~335 M steps (chr1).</para>
/// <para><b>Cost.</b> Memory holds the structure only (a few bytes per site, two per segment); every path is
/// produced by stateless per-site draws and streamed, so no step is ever stored. Output is byte-identical for
/// the same options.</para>
/// </remarks>
public static class SyntheticGraphGenerator
{
    /// <summary>Writes the GFA and the layout TSV to the given streams (left open) and returns the report.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (<see cref="SynthOptions.Validate"/>).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static SynthReport Generate(SynthOptions options, Stream gfa, Stream layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gfa);
        ArgumentNullException.ThrowIfNull(layout);
        options.Validate();

        SynthGenome genome = SynthGenome.Build(options, cancellationToken);
        var writer = new SynthFileWriter(genome, options, gfa, layout, cancellationToken);
        writer.WriteAll();
        gfa.Flush();
        layout.Flush();

        SynthSiteCounts sites = CountSites(genome);
        return new SynthReport
        {
            RefBp = genome.ReferenceLength,
            Haplotypes = options.Haplotypes,
            Seed = options.Seed,
            Chrom = options.Chrom,
            WLines = options.WLines,
            ReferencePath = $"{HaplotypePlan.ReferenceSample}#0#{options.Chrom}",
            Segments = genome.SegmentCount,
            Links = writer.Links,
            Paths = writer.Paths,
            Steps = writer.Steps,
            ReferenceSteps = writer.ReferenceSteps,
            ReversedPaths = writer.ReversedPaths,
            SegmentBp = writer.SegmentBp,
            Sites = sites,
            ExpectedBubbles = new SynthBubbleCounts
            {
                Simple = sites.Snp + sites.NestedSnp,
                Insertion = sites.Insertion + sites.Deletion,
                Super = sites.Multiallelic + sites.Sv,
                Nested = sites.NestedSnp,
                Total = sites.Snp + sites.NestedSnp + sites.Insertion + sites.Deletion + sites.Multiallelic + sites.Sv,
            },
        };
    }

    /// <summary>
    /// Writes <c>{prefix}.gfa</c>, <c>{prefix}.lay.tsv</c> and <c>{prefix}.json</c>, creating the folder if
    /// needed. Each file is written under a temporary name and renamed when complete, so an interrupted run
    /// leaves no partial file under a final name.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range, or the prefix is empty.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static SynthReport GenerateFiles(SynthOptions options, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        options.Validate();
        string? folder = Path.GetDirectoryName(Path.GetFullPath(prefix));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);

        string gfaPath = prefix + ".gfa", layoutPath = prefix + ".lay.tsv", reportPath = prefix + ".json";
        string gfaTemp = gfaPath + ".tmp", layoutTemp = layoutPath + ".tmp", reportTemp = reportPath + ".tmp";
        try
        {
            SynthReport report;
            using (var gfa = OpenWrite(gfaTemp))
            using (var layout = OpenWrite(layoutTemp))
                report = Generate(options, gfa, layout, cancellationToken);
            using (var json = OpenWrite(reportTemp))
                report.WriteJson(json);
            File.Move(gfaTemp, gfaPath, overwrite: true);
            File.Move(layoutTemp, layoutPath, overwrite: true);
            File.Move(reportTemp, reportPath, overwrite: true);
            return report;
        }
        catch
        {
            File.Delete(gfaTemp);
            File.Delete(layoutTemp);
            File.Delete(reportTemp);
            throw;
        }
    }

    // The writers buffer in multi-MB blocks themselves; the FileStream must not add a second copy.
    private static FileStream OpenWrite(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.SequentialScan);

    private static SynthSiteCounts CountSites(SynthGenome genome)
    {
        Span<long> byKind = stackalloc long[6];
        long nested = 0;
        for (int i = 0; i < genome.SiteCount; i++)
        {
            SiteKind kind = genome.Kind[i];
            byKind[(int)kind]++;
            if (kind == SiteKind.Sv)
                nested += SynthGenome.NestedOf(genome.Shape[i]);
        }
        return new SynthSiteCounts
        {
            Snp = byKind[(int)SiteKind.Snp],
            Insertion = byKind[(int)SiteKind.Insertion],
            Deletion = byKind[(int)SiteKind.Deletion],
            Multiallelic = byKind[(int)SiteKind.Multiallelic],
            Inversion = byKind[(int)SiteKind.Inversion],
            Sv = byKind[(int)SiteKind.Sv],
            NestedSnp = nested,
        };
    }
}
