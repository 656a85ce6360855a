using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pangy.Core.Synth;

/// <summary>Streams a <see cref="SynthGenome"/> out as GFA and odgi layout TSV.</summary>
internal sealed class SynthFileWriter
{
    private const int BufferSize = 4 << 20;

    // Layout: one unit per bp along the reference; alternative alleles drawn above it (in tenths of a unit).
    private const long AlleleRise = 200;
    private const long SvRise = 1000;

    private static readonly uint[] FourBases = BuildFourBases();
    private static readonly byte[] Bases = "ACGT"u8.ToArray();

    private readonly SynthGenome _genome;
    private readonly SynthOptions _options;
    private readonly AsciiBufferWriter _gfa;
    private readonly AsciiBufferWriter _layout;
    private readonly CancellationToken _cancellationToken;
    private SynthRandom _sequenceRng;

    public SynthFileWriter(SynthGenome genome, SynthOptions options, Stream gfa, Stream layout, CancellationToken cancellationToken)
    {
        _genome = genome;
        _options = options;
        _gfa = new AsciiBufferWriter(gfa, BufferSize, cancellationToken);
        _layout = new AsciiBufferWriter(layout, 1 << 20, cancellationToken);
        _cancellationToken = cancellationToken;
        _sequenceRng = new SynthRandom(options.Seed ^ 0xA54FF53A5F1D36F1UL);
    }

    public long SegmentBp { get; private set; }

    public long Links { get; private set; }

    public long Paths { get; private set; }

    public long Steps { get; private set; }

    public long ReferenceSteps { get; private set; }

    public long ReversedPaths { get; private set; }

    /// <summary>Writes the whole GFA and layout, flushing both at the end.</summary>
    public void WriteAll()
    {
        _gfa.Bytes(_options.WLines ? "H\tVN:Z:1.1\n"u8 : "H\tVN:Z:1.0\n"u8);
        _layout.Bytes("idx\tX\tY\tcomponent\n"u8);
        WriteSegmentsAndLayout();
        _layout.Flush();
        WriteLinks();
        WritePaths();
        _gfa.Flush();
    }

    // ---------------------------------------------------------------- S lines and layout

    private void WriteSegmentsAndLayout()
    {
        SynthGenome g = _genome;
        long position = 0; // reference bp before the current segment
        for (int run = 0; ; run++)
        {
            if ((run & 0xFFFF) == 0)
                _cancellationToken.ThrowIfCancellationRequested();
            for (int id = g.RunFirst[run]; id < g.SiteFirst[run]; id++)
            {
                int length = Segment(id, -1);
                Place(id, position, 0, position + length, 0);
                position += length;
            }
            if (run == g.SiteCount)
                return;

            int first = g.SiteFirst[run];
            switch (g.Kind[run])
            {
                case SiteKind.Snp:
                {
                    int b = Base();
                    Segment(first, b);
                    Segment(first + 1, OtherBase(b));
                    Place(first, position, 0, position + 1, 0);
                    Place(first + 1, position, AlleleRise, position + 1, AlleleRise);
                    position += 1;
                    break;
                }
                case SiteKind.Insertion:
                {
                    int length = Segment(first, -1);
                    Place(first, position, AlleleRise, position + Math.Max(1, length / 4), AlleleRise);
                    break;
                }
                case SiteKind.Deletion:
                {
                    int length = Segment(first, -1);
                    Place(first, position, 0, position + length, 0);
                    position += length;
                    break;
                }
                case SiteKind.Inversion:
                {
                    // Drawn right to left: the reference walks it forward, the inverted haplotypes in reverse.
                    int length = Segment(first, -1);
                    Place(first, position + length, 0, position, 0);
                    position += length;
                    break;
                }
                case SiteKind.Multiallelic:
                {
                    int b = Base();
                    int alleles = g.Shape[run];
                    int referenceLength = 0;
                    for (int j = 0; j < alleles; j++)
                    {
                        int length = Segment(first + j, j < 4 ? (b + j) & 3 : -1);
                        Place(first + j, position, j * AlleleRise, position + length, j * AlleleRise);
                        if (j == 0)
                            referenceLength = length;
                    }
                    position += referenceLength;
                    break;
                }
                default:
                    position = SvSegments(run, position);
                    break;
            }
        }
    }

    private long SvSegments(int site, long position)
    {
        SynthGenome g = _genome;
        byte shape = g.Shape[site];
        SvForm form = SynthGenome.FormOf(shape);
        int nested = SynthGenome.NestedOf(shape);
        int first = g.SiteFirst[site];
        int referenceRun = g.SvReferenceRun(site);
        long referenceBp = 0;
        for (int i = 0; i < referenceRun; i++)
        {
            int length = Segment(first + i, -1);
            Place(first + i, position + referenceBp, 0, position + referenceBp + length, 0);
            referenceBp += length;
        }

        // The chain's own length along its reference-allele walk.
        int a = g.SvChainFirst(site);
        long chainBp = 0;
        for (int j = 0; j <= nested; j++)
            chainBp += g.Length[a + 3 * j] + (j > 0 ? g.Length[a + 3 * j - 2] : 0);

        // On the reference (deletion form) the chain lies on the axis; otherwise it arcs above over the span
        // of the reference allele (or, for an insertion, over a quarter of its own length).
        bool onAxis = form == SvForm.Deletion;
        long span = onAxis ? chainBp : Math.Max(referenceBp, Math.Max(1, chainBp / 4));
        long rise = onAxis ? 0 : SvRise;
        long walked = 0;
        for (int j = 0; j <= nested; j++)
        {
            if (j > 0)
            {
                int b = Base();
                int lengthA = Segment(a + 1, b);
                Segment(a + 2, OtherBase(b));
                long x1 = Scale(position, walked, span, chainBp);
                long x2 = Scale(position, walked + lengthA, span, chainBp);
                PlaceTenths(a + 1, x1, rise, x2, rise);
                PlaceTenths(a + 2, x1, rise + AlleleRise, x2, rise + AlleleRise);
                walked += lengthA;
                a += 3;
            }
            int length = Segment(a, -1);
            PlaceTenths(a, Scale(position, walked, span, chainBp), rise, Scale(position, walked + length, span, chainBp), rise);
            walked += length;
        }
        return position + (onAxis ? chainBp : referenceBp);
    }

    /// <summary>x in tenths of the point <paramref name="walked"/> bp along a chain of <paramref name="total"/> bp
    /// drawn over <paramref name="span"/> units from <paramref name="origin"/>.</summary>
    private static long Scale(long origin, long walked, long span, long total) => origin * 10 + walked * span * 10 / total;

    /// <summary>Writes segment id's S line with a random sequence (first base forced when ≥ 0); returns its length.</summary>
    private int Segment(int id, int firstBase)
    {
        int length = _genome.Length[id];
        AsciiBufferWriter w = _gfa;
        w.Reserve(AsciiBufferWriter.MaxTokenBytes + SynthGenome.MaxSegmentLength + 8);
        w.ByteUnchecked((byte)'S');
        w.ByteUnchecked((byte)'\t');
        w.NumberUnchecked(id);
        w.ByteUnchecked((byte)'\t');
        Span<byte> sequence = w.GetSpan(length);
        FillBases(sequence);
        if (firstBase >= 0)
            sequence[0] = Bases[firstBase];
        w.Advance(length);
        w.ByteUnchecked((byte)'\n');
        SegmentBp += length;
        return length;
    }

    private void FillBases(Span<byte> sequence)
    {
        int i = 0;
        while (i < sequence.Length)
        {
            ulong bits = _sequenceRng.Next();
            for (int k = 0; k < 8 && i < sequence.Length; k++, bits >>= 8)
            {
                uint four = FourBases[(int)(bits & 0xFF)];
                if (i + 4 <= sequence.Length)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(sequence[i..], four);
                    i += 4;
                }
                else
                {
                    for (; i < sequence.Length; i++, four >>= 8)
                        sequence[i] = (byte)four;
                }
            }
        }
    }

    private int Base() => (int)(_sequenceRng.Next() >> 62);

    private int OtherBase(int b) => (b + 1 + _sequenceRng.Below(3)) & 3;

    private void Place(int id, long x1, long y1Tenths, long x2, long y2Tenths) =>
        PlaceTenths(id, x1 * 10, y1Tenths, x2 * 10, y2Tenths);

    /// <summary>Writes segment id's two layout rows (its two ends), rows 2(id−1) and 2(id−1)+1.</summary>
    private void PlaceTenths(int id, long x1, long y1, long x2, long y2)
    {
        long row = 2L * (id - 1);
        LayoutRow(row, x1, y1);
        LayoutRow(row + 1, x2, y2);
    }

    private void LayoutRow(long row, long x, long y)
    {
        AsciiBufferWriter w = _layout;
        w.Number(row);
        w.Byte((byte)'\t');
        w.Tenths(x);
        w.Byte((byte)'\t');
        w.Tenths(y);
        w.Bytes("\t0\n"u8);
    }

    private static uint[] BuildFourBases()
    {
        var table = new uint[256];
        for (int v = 0; v < 256; v++)
        {
            uint packed = 0;
            for (int k = 0; k < 4; k++)
                packed |= (uint)"ACGT"[(v >> (2 * k)) & 3] << (8 * k);
            table[v] = packed;
        }
        return table;
    }

    // ---------------------------------------------------------------- L lines

    private void WriteLinks()
    {
        SynthGenome g = _genome;
        for (int run = 0; ; run++)
        {
            if ((run & 0xFFFF) == 0)
                _cancellationToken.ThrowIfCancellationRequested();
            for (int id = g.RunFirst[run]; id < g.SiteFirst[run] - 1; id++)
                Link(id, false, id + 1, false);
            if (run == g.SiteCount)
                return;

            int p = g.RunLast(run);
            int n = g.RunFirst[run + 1];
            int f = g.SiteFirst[run];
            switch (g.Kind[run])
            {
                case SiteKind.Snp:
                    Link(p, false, f, false);
                    Link(p, false, f + 1, false);
                    Link(f, false, n, false);
                    Link(f + 1, false, n, false);
                    break;
                case SiteKind.Insertion:
                case SiteKind.Deletion:
                    Link(p, false, f, false);
                    Link(f, false, n, false);
                    Link(p, false, n, false);
                    break;
                case SiteKind.Inversion:
                    Link(p, false, f, false);
                    Link(f, false, n, false);
                    Link(p, false, f, true);
                    Link(f, true, n, false);
                    break;
                case SiteKind.Multiallelic:
                    for (int j = 0; j < g.Shape[run]; j++)
                        Link(p, false, f + j, false);
                    for (int j = 0; j < g.Shape[run]; j++)
                        Link(f + j, false, n, false);
                    break;
                default:
                    SvLinks(run, p, n);
                    break;
            }
        }
    }

    private void SvLinks(int site, int p, int n)
    {
        SynthGenome g = _genome;
        int referenceRun = g.SvReferenceRun(site);
        int f = g.SiteFirst[site];
        if (referenceRun > 0)
        {
            Link(p, false, f, false);
            for (int i = 0; i < referenceRun - 1; i++)
                Link(f + i, false, f + i + 1, false);
            Link(f + referenceRun - 1, false, n, false);
        }
        else
        {
            Link(p, false, n, false);
        }

        int a = g.SvChainFirst(site);
        Link(p, false, a, false);
        int nested = SynthGenome.NestedOf(g.Shape[site]);
        for (int j = 0; j < nested; j++, a += 3)
        {
            Link(a, false, a + 1, false);
            Link(a, false, a + 2, false);
            Link(a + 1, false, a + 3, false);
            Link(a + 2, false, a + 3, false);
        }
        Link(a, false, n, false);
    }

    private void Link(int from, bool fromReverse, int to, bool toReverse)
    {
        AsciiBufferWriter w = _gfa;
        w.Reserve(2 * AsciiBufferWriter.MaxTokenBytes + 16);
        w.ByteUnchecked((byte)'L');
        w.ByteUnchecked((byte)'\t');
        w.NumberUnchecked(from);
        w.ByteUnchecked((byte)'\t');
        w.ByteUnchecked(fromReverse ? (byte)'-' : (byte)'+');
        w.ByteUnchecked((byte)'\t');
        w.NumberUnchecked(to);
        w.ByteUnchecked((byte)'\t');
        w.ByteUnchecked(toReverse ? (byte)'-' : (byte)'+');
        w.ByteUnchecked((byte)'\t');
        w.ByteUnchecked((byte)'0');
        w.ByteUnchecked((byte)'M');
        w.ByteUnchecked((byte)'\n');
        Links++;
    }

    // ---------------------------------------------------------------- P / W lines

    private void WritePaths()
    {
        var plan = new HaplotypePlan(_genome, _options);
        var walker = new SynthWalker(_genome, _options.Haplotypes);
        int lastRun = _genome.SiteCount;
        int lastOffset = _genome.RunLength(lastRun) - 1;

        ReferenceSteps = WritePath(walker, SynthWalker.Reference, new ContigPlan(0, 0, lastRun, lastOffset, false, _options.Chrom),
            HaplotypePlan.ReferenceSample, 0, plan.ReferencePathName);

        for (int h = 0; h < _options.Haplotypes; h++)
        {
            string sample = plan.SampleName(h);
            int number = HaplotypePlan.HaplotypeNumber(h);
            foreach (ContigPlan contig in plan.Contigs(h))
            {
                WritePath(walker, h, contig, sample, number, $"{sample}#{number}#{contig.Name}#0");
                if (contig.Reverse)
                    ReversedPaths++;
            }
        }
    }

    /// <summary>Writes one P or W line; returns its step count.</summary>
    private long WritePath(SynthWalker walker, int haplotype, ContigPlan contig, string sample, int number, string pathName)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        AsciiBufferWriter w = _gfa;
        long steps;
        if (_options.WLines)
        {
            // W needs the contig's length before its walk: a first, writing-free pass sums it.
            var length = new LengthSink(_genome.Length);
            walker.Walk(ref length, haplotype, contig.FromRun, contig.FromOffset, contig.ToRun, contig.ToOffset, contig.Reverse);
            w.Bytes("W\t"u8);
            Ascii(sample);
            w.Byte((byte)'\t');
            w.Number(number);
            w.Byte((byte)'\t');
            Ascii(contig.Name);
            w.Bytes("\t0\t"u8);
            w.Number(length.Bp);
            w.Byte((byte)'\t');
            var sink = new WalkSink(w);
            walker.Walk(ref sink, haplotype, contig.FromRun, contig.FromOffset, contig.ToRun, contig.ToOffset, contig.Reverse);
            steps = sink.Count;
            w.Byte((byte)'\n');
        }
        else
        {
            w.Bytes("P\t"u8);
            Ascii(pathName);
            w.Byte((byte)'\t');
            var sink = new PathSink(w);
            walker.Walk(ref sink, haplotype, contig.FromRun, contig.FromOffset, contig.ToRun, contig.ToOffset, contig.Reverse);
            steps = sink.Count;
            w.Bytes("\t*\n"u8);
        }
        Paths++;
        Steps += steps;
        return steps;
    }

    private void Ascii(string text)
    {
        Span<byte> bytes = stackalloc byte[Encoding.ASCII.GetMaxByteCount(text.Length)];
        int n = Encoding.ASCII.GetBytes(text, bytes);
        _gfa.Bytes(bytes[..n]);
    }

    /// <summary>P-line steps: <c>12+,13-</c>.</summary>
    private struct PathSink(AsciiBufferWriter writer) : IStepSink
    {
        public long Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step(int segment, bool reverse)
        {
            writer.Reserve(AsciiBufferWriter.MaxTokenBytes);
            if (Count++ != 0)
                writer.ByteUnchecked((byte)',');
            writer.NumberUnchecked(segment);
            writer.ByteUnchecked(reverse ? (byte)'-' : (byte)'+');
        }
    }

    /// <summary>W-line walk: <c>&gt;12&lt;13</c>.</summary>
    private struct WalkSink(AsciiBufferWriter writer) : IStepSink
    {
        public long Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step(int segment, bool reverse)
        {
            writer.Reserve(AsciiBufferWriter.MaxTokenBytes);
            writer.ByteUnchecked(reverse ? (byte)'<' : (byte)'>');
            writer.NumberUnchecked(segment);
            Count++;
        }
    }

    /// <summary>Sums the bp of a walk.</summary>
    private struct LengthSink(ushort[] lengths) : IStepSink
    {
        public long Bp;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step(int segment, bool reverse) => Bp += lengths[segment];
    }
}
