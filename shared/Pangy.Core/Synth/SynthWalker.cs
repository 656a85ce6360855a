using System.Runtime.CompilerServices;

namespace Pangy.Core.Synth;

/// <summary>Receives the steps of a walk; implemented by structs so that the walk is specialised and inlined.</summary>
internal interface IStepSink
{
    void Step(int segment, bool reverse);
}

/// <summary>
/// Walks haplotypes (and the reference) through a <see cref="SynthGenome"/>, forward or in reverse, choosing
/// each site's allele from stateless draws: no step is ever stored.
/// </summary>
/// <remarks>
/// Allele frequencies are drawn per site (the product of two uniforms: mostly rare alleles, mean 0.25). So that
/// every segment and link is walked by some path, each site names "designated" haplotypes d1, d2 = d1 + 1 that
/// carry its alternative alleles (with at least 4 haplotypes every allele of every site is carried).
/// </remarks>
internal sealed class SynthWalker
{
    /// <summary>The haplotype index that stands for the reference path.</summary>
    public const int Reference = -1;

    private readonly SynthGenome _genome;
    private readonly int _haplotypes;

    public SynthWalker(SynthGenome genome, int haplotypes)
    {
        _genome = genome;
        _haplotypes = haplotypes;
    }

    /// <summary>
    /// Walks from (run <paramref name="fromRun"/>, segment offset <paramref name="fromOffset"/>) to
    /// (<paramref name="toRun"/>, <paramref name="toOffset"/>), both inclusive, in reference order, or the same
    /// steps in reverse order with flipped orientations when <paramref name="reverse"/> is set.
    /// </summary>
    public void Walk<TSink>(ref TSink sink, int haplotype, int fromRun, int fromOffset, int toRun, int toOffset, bool reverse)
        where TSink : struct, IStepSink
    {
        if (reverse)
            WalkReverse(ref sink, haplotype, fromRun, fromOffset, toRun, toOffset);
        else
            WalkForward(ref sink, haplotype, fromRun, fromOffset, toRun, toOffset);
    }

    private void WalkForward<TSink>(ref TSink sink, int haplotype, int fromRun, int fromOffset, int toRun, int toOffset)
        where TSink : struct, IStepSink
    {
        Span<int> steps = stackalloc int[SynthGenome.MaxSiteSteps];
        int[] runFirst = _genome.RunFirst;
        int[] siteFirst = _genome.SiteFirst;
        for (int run = fromRun; ; run++)
        {
            int first = runFirst[run];
            int from = first + (run == fromRun ? fromOffset : 0);
            int to = run == toRun ? first + toOffset : siteFirst[run] - 1;
            for (int id = from; id <= to; id++)
                sink.Step(id, false);
            if (run == toRun)
                return;
            int n = SiteSteps(run, haplotype, steps);
            for (int i = 0; i < n; i++)
                sink.Step(steps[i] >> 1, (steps[i] & 1) != 0);
        }
    }

    private void WalkReverse<TSink>(ref TSink sink, int haplotype, int fromRun, int fromOffset, int toRun, int toOffset)
        where TSink : struct, IStepSink
    {
        Span<int> steps = stackalloc int[SynthGenome.MaxSiteSteps];
        int[] runFirst = _genome.RunFirst;
        int[] siteFirst = _genome.SiteFirst;
        for (int run = toRun; ; run--)
        {
            int first = runFirst[run];
            int from = first + (run == fromRun ? fromOffset : 0);
            int to = run == toRun ? first + toOffset : siteFirst[run] - 1;
            for (int id = to; id >= from; id--)
                sink.Step(id, true);
            if (run == fromRun)
                return;
            int n = SiteSteps(run - 1, haplotype, steps);
            for (int i = n - 1; i >= 0; i--)
                sink.Step(steps[i] >> 1, (steps[i] & 1) == 0);
        }
    }

    /// <summary>
    /// The steps of <paramref name="haplotype"/> through <paramref name="site"/> in reference order, each encoded
    /// as <c>(id &lt;&lt; 1) | reverse</c>; returns how many. An empty walk takes the site's direct edge.
    /// </summary>
    public int SiteSteps(int site, int haplotype, Span<int> steps)
    {
        SynthGenome g = _genome;
        int first = g.SiteFirst[site];
        ulong key = SynthHash.Site(g.SeedKey, site);
        bool reference = haplotype == Reference;
        int d1 = Designated(key);
        int d2 = d1 + 1 == _haplotypes ? 0 : d1 + 1;
        switch (g.Kind[site])
        {
            case SiteKind.Snp:
                steps[0] = (first + (!reference && Carries(key, haplotype, d1) ? 1 : 0)) << 1;
                return 1;

            case SiteKind.Insertion:
                if (reference || !Carries(key, haplotype, d1))
                    return 0;
                steps[0] = first << 1;
                return 1;

            case SiteKind.Deletion:
                if (!reference && Carries(key, haplotype, d1))
                    return 0;
                steps[0] = first << 1;
                return 1;

            case SiteKind.Inversion:
                steps[0] = (first << 1) | (!reference && Carries(key, haplotype, d1) ? 1 : 0);
                return 1;

            case SiteKind.Multiallelic:
                steps[0] = (first + (reference ? 0 : Allele(key, haplotype, d1, g.Shape[site]))) << 1;
                return 1;

            default:
                return SvSteps(site, key, haplotype, d1, d2, steps);
        }
    }

    private int SvSteps(int site, ulong key, int haplotype, int d1, int d2, Span<int> steps)
    {
        SynthGenome g = _genome;
        byte shape = g.Shape[site];
        SvForm form = SynthGenome.FormOf(shape);
        bool reference = haplotype == Reference;
        bool chain;
        if (form == SvForm.Deletion)
            chain = reference || (haplotype != d1 && (haplotype == d2 || !Carries(key, haplotype, d1)));
        else
            chain = !reference && (haplotype == d2 || Carries(key, haplotype, d1));

        if (!chain)
        {
            if (form != SvForm.Replacement)
                return 0;
            int run = g.SvReferenceRun(site);
            int first = g.SiteFirst[site];
            for (int i = 0; i < run; i++)
                steps[i] = (first + i) << 1;
            return run;
        }

        int nested = SynthGenome.NestedOf(shape);
        int a = g.SvChainFirst(site);
        int n = 0;
        steps[n++] = a << 1;
        ulong nestedKey = SynthHash.Mix(key ^ 0x3C6EF372FE94F82BUL);
        for (int j = 1; j <= nested; j++)
        {
            bool alternative;
            if (reference)
                alternative = false;
            else if (haplotype == d2)
                alternative = true;
            else if (haplotype == d1)
                alternative = false;
            else
                alternative = SynthHash.Draw(key, haplotype, 2 + j) < Frequency(SynthHash.Mix(nestedKey + (ulong)j));
            steps[n++] = (a + 1 + (alternative ? 1 : 0)) << 1;
            a += 3;
            steps[n++] = a << 1;
        }
        return n;
    }

    /// <summary>The haplotype that always carries the site's alternative allele.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Designated(ulong key) => (int)(((key >> 32) * (ulong)(uint)_haplotypes) >> 32);

    /// <summary>Whether a haplotype carries the site's (bi-allelic) alternative allele.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Carries(ulong key, int haplotype, int designated) =>
        haplotype == designated || SynthHash.Draw(key, haplotype, 0) < Frequency(SynthHash.Mix(key ^ 0x510E527FADE682D1UL));

    /// <summary>A skewed allele frequency as a 32-bit fraction: the product of two uniforms (mostly rare alleles).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Frequency(ulong bits) => (uint)(((bits & 0xFFFFFFFFUL) * (bits >> 32)) >> 32);

    /// <summary>
    /// The allele a haplotype takes at a multi-allelic site: allele j ≥ 1 is forced on haplotype d1 + j − 1;
    /// otherwise a weighted draw where the reference allele weighs as much as all others could together.
    /// </summary>
    private int Allele(ulong key, int haplotype, int d1, int alleles)
    {
        int offset = haplotype - d1;
        if (offset < 0)
            offset += _haplotypes;
        if (offset < alleles - 1)
            return offset + 1;

        ulong weights = SynthHash.Mix(key ^ 0x9B05688C2B3E6C1FUL);
        Span<uint> weight = stackalloc uint[SynthGenome.MaxAlleles];
        uint total = weight[0] = 0x20000;
        for (int j = 1; j < alleles; j++)
            total += weight[j] = (uint)((weights >> (16 * (j - 1))) & 0xFFFF) + 1;
        uint x = (uint)(((ulong)SynthHash.Draw(key, haplotype, 1) * total) >> 32);
        for (int j = 0; j < alleles; j++)
        {
            if (x < weight[j])
                return j;
            x -= weight[j];
        }
        return alleles - 1;
    }
}
