namespace Pangy.Core.Synth;

/// <summary>The kinds of variant site; <see cref="SyntheticGraphGenerator"/> documents each one's topology.</summary>
internal enum SiteKind : byte
{
    Snp,
    Insertion,
    Deletion,
    Multiallelic,
    Inversion,
    Sv,
}

/// <summary>How a structural variant's multi-segment allele (the "chain") relates to the reference.</summary>
internal enum SvForm : byte
{
    /// <summary>The reference walks its own run of segments R; the chain is the alternative.</summary>
    Replacement,

    /// <summary>The reference takes the direct edge; the chain is inserted sequence.</summary>
    Insertion,

    /// <summary>The reference walks the chain (ref alleles of its SNPs); the direct edge deletes it.</summary>
    Deletion,
}

/// <summary>
/// The chromosome's structure, held compactly (a few bytes per site and two per segment, never the steps):
/// backbone runs and variant sites alternate, <c>run 0, site 0, run 1, …, site K−1, run K</c>, and segment ids
/// are dense and ascending in that order. Every file is streamed out of this.
/// </summary>
internal sealed class SynthGenome
{
    /// <summary>The longest segment (vg chop's default, as in minigraph-cactus graphs).</summary>
    public const int MaxSegmentLength = 1024;

    /// <summary>The most SNP sites inside one structural variant's chain.</summary>
    public const int MaxNestedSnps = 4;

    /// <summary>The most alleles of a multi-allelic site.</summary>
    public const int MaxAlleles = 5;

    /// <summary>The most segments in a replacement SV's reference run.</summary>
    public const int MaxSvReferenceRun = 3;

    /// <summary>The most steps one haplotype takes through one site.</summary>
    public const int MaxSiteSteps = 2 * MaxNestedSnps + 1;

    private SynthGenome(int siteCount, int[] runFirst, int[] siteFirst, SiteKind[] kind, byte[] shape, ushort[] length,
        int segmentCount, long referenceLength, ulong seedKey)
    {
        SiteCount = siteCount;
        RunFirst = runFirst;
        SiteFirst = siteFirst;
        Kind = kind;
        Shape = shape;
        Length = length;
        SegmentCount = segmentCount;
        ReferenceLength = referenceLength;
        SeedKey = seedKey;
    }

    /// <summary>K: variant sites. There are K + 1 backbone runs.</summary>
    public int SiteCount { get; }

    /// <summary>First segment id of run i (K + 1 entries).</summary>
    public int[] RunFirst { get; }

    /// <summary>First segment id of site i; entry K is <c>SegmentCount + 1</c>, closing the last run.</summary>
    public int[] SiteFirst { get; }

    /// <summary>Kind of site i.</summary>
    public SiteKind[] Kind { get; }

    /// <summary>Multi-allelic: allele count. SV: <c>(form &lt;&lt; 4) | nested SNP count</c>. Otherwise 0.</summary>
    public byte[] Shape { get; }

    /// <summary>Segment lengths by id (entry 0 unused).</summary>
    public ushort[] Length { get; }

    /// <summary>N: segments, ids 1..N.</summary>
    public int SegmentCount { get; }

    /// <summary>Length of the reference path in bp.</summary>
    public long ReferenceLength { get; }

    /// <summary>Key of the stateless per-site draws (<see cref="SynthHash"/>).</summary>
    public ulong SeedKey { get; }

    public int RunLength(int run) => SiteFirst[run] - RunFirst[run];

    /// <summary>Last segment of run i: the segment just before site i.</summary>
    public int RunLast(int run) => SiteFirst[run] - 1;

    public int SiteSegmentCount(int site) => RunFirst[site + 1] - SiteFirst[site];

    public static SvForm FormOf(byte shape) => (SvForm)(shape >> 4);

    public static int NestedOf(byte shape) => shape & 0xF;

    /// <summary>Segments of a replacement SV's reference run (0 for the other forms).</summary>
    public int SvReferenceRun(int site) => SiteSegmentCount(site) - (3 * NestedOf(Shape[site]) + 1);

    /// <summary>First segment of an SV's chain <c>a0, s1A, s1B, a1, …, skA, skB, ak</c>.</summary>
    public int SvChainFirst(int site) => SiteFirst[site] + SvReferenceRun(site);

    /// <summary>Draws the structure for <paramref name="options"/>.</summary>
    public static SynthGenome Build(SynthOptions options, CancellationToken cancellationToken)
    {
        var builder = new Builder(options);
        return builder.Run(cancellationToken);
    }

    /// <summary>
    /// Draws runs and sites until the reference reaches exactly <see cref="SynthOptions.RefBp"/>. The tuning below
    /// was chosen so that 50 Mbp with 88 haplotypes gives about 1.3 M segments and 65–70 M steps (chr22 of the
    /// HPRC minigraph-cactus graph): about one site per 150 bp, ~1.4 backbone segments between sites, and enough
    /// rare multi-segment alleles that segments outnumber a haplotype's steps 1.7 to 1.
    /// </summary>
    private sealed class Builder
    {
        // Site kinds, per mille.
        private const int SnpPerMille = 500;
        private const int InsertionPerMille = 130;
        private const int DeletionPerMille = 70;
        private const int MultiallelicPerMille = 240;
        private const int InversionPerMille = 3;
        // The rest (57 per mille) are structural variants.

        private readonly long _target;
        private readonly ulong _seedKey;
        private SynthRandom _rng;

        private int[] _runFirst;
        private int[] _siteFirst;
        private SiteKind[] _kind;
        private byte[] _shape;
        private ushort[] _length;
        private int _sites;
        private int _nextId = 1;
        private long _refLength;

        public Builder(SynthOptions options)
        {
            _target = options.RefBp;
            _seedKey = SynthHash.Mix(options.Seed ^ 0x6A09E667F3BCC908UL);
            _rng = new SynthRandom(options.Seed ^ 0xBB67AE8584CAA73BUL);
            long estimatedSites = Math.Max(16, options.RefBp / 140);
            int capacity = (int)Math.Min(estimatedSites + 16, int.MaxValue / 8);
            _runFirst = new int[capacity];
            _siteFirst = new int[capacity];
            _kind = new SiteKind[capacity];
            _shape = new byte[capacity];
            _length = new ushort[(int)Math.Min(estimatedSites * 4 + 64, int.MaxValue / 2)];
        }

        public SynthGenome Run(CancellationToken cancellationToken)
        {
            while (true)
            {
                if ((_sites & 0xFFFF) == 0)
                    cancellationToken.ThrowIfCancellationRequested();
                EnsureSiteCapacity();
                _runFirst[_sites] = _nextId;
                if (!AddRun())
                    break;
                if (!TryAddSite())
                {
                    PadRun();
                    break;
                }
            }

            // Close the last run: SiteFirst[K] is one past the last segment.
            _siteFirst[_sites] = _nextId;
            int k = _sites;
            return new SynthGenome(k,
                _runFirst.AsSpan(0, k + 1).ToArray(), _siteFirst.AsSpan(0, k + 1).ToArray(),
                _kind.AsSpan(0, k).ToArray(), _shape.AsSpan(0, k).ToArray(), _length.AsSpan(0, _nextId).ToArray(),
                _nextId - 1, _refLength, _seedKey);
        }

        /// <summary>Adds a backbone run; false when it reached the target (it is then the last run).</summary>
        private bool AddRun()
        {
            int u = _rng.Below(100);
            int segments = u < 80 ? 1 : u < 92 ? 2 : 3 + _rng.Below(3);
            for (int i = 0; i < segments; i++)
            {
                int length = BackboneLength();
                if (_refLength + length >= _target)
                {
                    AddSegment((int)(_target - _refLength), onReference: true);
                    return false;
                }
                AddSegment(length, onReference: true);
            }
            return true;
        }

        /// <summary>Tops the current (last) run up to exactly the target length.</summary>
        private void PadRun()
        {
            while (_refLength < _target)
                AddSegment((int)Math.Min(BackboneLength(), _target - _refLength), onReference: true);
        }

        /// <summary>
        /// Draws a site and adds it if its reference allele still leaves at least 1 bp for the last run.
        /// The draws happen either way, so the outcome depends only on the seed.
        /// </summary>
        private bool TryAddSite()
        {
            Span<int> lengths = stackalloc int[3 * MaxNestedSnps + 1 + MaxSvReferenceRun];
            int count;
            int referenceBp;
            byte shape = 0;
            SiteKind kind;
            int u = _rng.Below(1000);
            if (u < SnpPerMille)
            {
                kind = SiteKind.Snp;
                lengths[0] = lengths[1] = 1;
                count = 2;
                referenceBp = 1;
            }
            else if ((u -= SnpPerMille) < InsertionPerMille + DeletionPerMille)
            {
                kind = u < InsertionPerMille ? SiteKind.Insertion : SiteKind.Deletion;
                lengths[0] = IndelLength();
                count = 1;
                referenceBp = kind == SiteKind.Deletion ? lengths[0] : 0;
            }
            else if ((u -= InsertionPerMille + DeletionPerMille) < MultiallelicPerMille)
            {
                kind = SiteKind.Multiallelic;
                int v = _rng.Below(10);
                count = v < 5 ? 3 : v < 8 ? 4 : 5;
                bool single = _rng.Below(10) < 6; // mostly SNV-like, else short MNP/indel alleles
                for (int j = 0; j < count; j++)
                    lengths[j] = single ? 1 : _rng.Between(1, 6);
                shape = (byte)count;
                referenceBp = lengths[0];
            }
            else if ((u -= MultiallelicPerMille) < InversionPerMille)
            {
                kind = SiteKind.Inversion;
                lengths[0] = _rng.Between(150, MaxSegmentLength);
                count = 1;
                referenceBp = lengths[0];
            }
            else
            {
                kind = SiteKind.Sv;
                int v = _rng.Below(10);
                SvForm form = v < 4 ? SvForm.Replacement : v < 7 ? SvForm.Insertion : SvForm.Deletion;
                int nested = _rng.Between(1, MaxNestedSnps);
                int run = form == SvForm.Replacement ? _rng.Between(1, MaxSvReferenceRun) : 0;
                count = 0;
                referenceBp = 0;
                for (int j = 0; j < run; j++)
                {
                    lengths[count] = _rng.Between(50, 600);
                    referenceBp += lengths[count++];
                }
                int chainBp = 0;
                for (int j = 0; j <= nested; j++)
                {
                    if (j > 0)
                    {
                        lengths[count++] = 1;
                        lengths[count++] = 1;
                        chainBp += 1;
                    }
                    lengths[count] = _rng.Between(20, 400);
                    chainBp += lengths[count++];
                }
                if (form == SvForm.Deletion)
                    referenceBp = chainBp;
                shape = (byte)(((int)form << 4) | nested);
            }

            if (_refLength + referenceBp + 1 > _target)
                return false;

            _siteFirst[_sites] = _nextId;
            _kind[_sites] = kind;
            _shape[_sites] = shape;
            for (int j = 0; j < count; j++)
                AddSegment(lengths[j], onReference: false);
            _refLength += referenceBp;
            _sites++;
            return true;
        }

        private void AddSegment(int length, bool onReference)
        {
            if (_nextId >= _length.Length)
                Array.Resize(ref _length, (int)Math.Min((long)_length.Length * 3 / 2 + 1024, int.MaxValue - 64));
            _length[_nextId++] = (ushort)length;
            if (onReference)
                _refLength += length;
        }

        private void EnsureSiteCapacity()
        {
            if (_sites + 2 < _runFirst.Length)
                return;
            int size = (int)Math.Min((long)_runFirst.Length * 3 / 2 + 64, int.MaxValue - 64);
            Array.Resize(ref _runFirst, size);
            Array.Resize(ref _siteFirst, size);
            Array.Resize(ref _kind, size);
            Array.Resize(ref _shape, size);
        }

        /// <summary>Backbone segment lengths: mostly short, with a tail up to the chop length.</summary>
        private int BackboneLength()
        {
            int u = _rng.Below(100);
            return u < 41 ? _rng.Between(1, 20)
                : u < 78 ? _rng.Between(21, 80)
                : u < 95 ? _rng.Between(81, 300)
                : _rng.Between(301, MaxSegmentLength);
        }

        /// <summary>Insertion and deletion lengths: mostly 1–10 bp.</summary>
        private int IndelLength()
        {
            int u = _rng.Below(100);
            return u < 70 ? _rng.Between(1, 10) : u < 90 ? _rng.Between(11, 60) : _rng.Between(61, 400);
        }
    }
}
