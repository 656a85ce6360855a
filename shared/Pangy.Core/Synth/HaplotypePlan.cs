using System.Text;

namespace Pangy.Core.Synth;

/// <summary>One contig of a haplotype: a stretch of the chromosome, written forward or reversed.</summary>
internal readonly record struct ContigPlan(int FromRun, int FromOffset, int ToRun, int ToOffset, bool Reverse, string Name);

/// <summary>
/// How a haplotype is cut into contigs, and what everything is called. Samples are pairs of haplotypes 1 and 2
/// with HPRC-like names (<c>HG00438</c>, <c>NA18906</c>); each haplotype has its own GenBank-like accession prefix
/// (<c>JAHBCB</c>) and numbered contigs, so that path names look like <c>HG00438#1#JAHBCB010000123.1#0</c>.
/// </summary>
internal sealed class HaplotypePlan
{
    /// <summary>The reference's sample name (PanSN), with haplotype 0.</summary>
    public const string ReferenceSample = "GRCh38";

    private readonly SynthGenome _genome;
    private readonly SynthOptions _options;
    private readonly int[] _gapRuns;
    private readonly ulong _namesKey;

    public HaplotypePlan(SynthGenome genome, SynthOptions options)
    {
        _genome = genome;
        _options = options;
        _namesKey = SynthHash.Mix(options.Seed ^ 0x3C6EF372FE94F82BUL);

        // Gaps fall only inside backbone runs of 3+ segments (never in run 0 or the last run), so that every
        // site is walked by every haplotype and a gap skips backbone only.
        var runs = new List<int>();
        for (int run = 1; run < genome.SiteCount; run++)
        {
            if (genome.RunLength(run) >= 3)
                runs.Add(run);
        }
        _gapRuns = runs.ToArray();
    }

    /// <summary>The reference path's name: <c>GRCh38#0#{chrom}</c>.</summary>
    public string ReferencePathName => $"{ReferenceSample}#0#{_options.Chrom}";

    /// <summary>Sample name of haplotype h (0-based): haplotypes 2s and 2s + 1 are sample s's haplotypes 1 and 2.</summary>
    public string SampleName(int haplotype)
    {
        int sample = haplotype / 2;
        ulong bits = SynthHash.Mix(_namesKey + (ulong)(uint)sample);
        // Strictly increasing numbers keep the names unique.
        long number = 100 + (long)sample * 50 + (long)(bits % 50);
        string prefix = ((bits >> 32) & 3) == 0 ? "NA" : "HG";
        return prefix + number.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The haplotype number in the PanSN name: 1 or 2.</summary>
    public static int HaplotypeNumber(int haplotype) => haplotype % 2 + 1;

    /// <summary>The contigs of haplotype h, in chromosome order.</summary>
    public ContigPlan[] Contigs(int haplotype)
    {
        var rng = new SynthRandom(SynthHash.Mix(_namesKey ^ ((ulong)(uint)(haplotype + 1) * 0xD1B54A32D192ED03UL)));
        int wanted = 2 + rng.Below(4) + (int)(_options.RefBp / 10_000_000);
        int breaks = Math.Min(wanted - 1, _gapRuns.Length);
        int[] picks = new int[breaks];
        for (int i = 0; i < breaks; i++)
            picks[i] = rng.Below(_gapRuns.Length);
        Array.Sort(picks);

        string accession = Accession(haplotype);
        int number = rng.Between(1, 300);
        var contigs = new List<ContigPlan>(breaks + 1);
        int fromRun = 0, fromOffset = 0;
        int previous = -1;
        foreach (int pick in picks)
        {
            if (pick == previous)
                continue;
            previous = pick;
            int run = _gapRuns[pick];
            int length = _genome.RunLength(run);
            int end = rng.Between(0, length - 3);
            int gap = rng.Between(1, length - 2 - end);
            contigs.Add(new ContigPlan(fromRun, fromOffset, run, end, rng.Below(2) == 1, ContigName(accession, number)));
            number += rng.Between(1, 60);
            fromRun = run;
            fromOffset = end + gap + 1;
        }
        int lastRun = _genome.SiteCount;
        contigs.Add(new ContigPlan(fromRun, fromOffset, lastRun, _genome.RunLength(lastRun) - 1, rng.Below(2) == 1,
            ContigName(accession, number)));
        return contigs.ToArray();
    }

    /// <summary>A GenBank-like accession prefix, distinct for every haplotype (JA + four letters + 01).</summary>
    private string Accession(int haplotype)
    {
        const int Codes = 26 * 26 * 26 * 26;
        // 7919 is prime and does not divide 26^4, so h → code is a bijection: no two haplotypes share a prefix.
        long code = ((long)haplotype * 7919 + (long)(_namesKey % Codes)) % Codes;
        var text = new StringBuilder("JA", 16);
        Span<char> letters = stackalloc char[4];
        for (int i = 3; i >= 0; i--)
        {
            letters[i] = (char)('A' + (int)(code % 26));
            code /= 26;
        }
        return text.Append(letters).Append("01").ToString();
    }

    private static string ContigName(string accession, int number) =>
        accession + number.ToString("D7", System.Globalization.CultureInfo.InvariantCulture) + ".1";
}
