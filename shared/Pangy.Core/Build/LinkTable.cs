using System.Numerics;
using System.Runtime.CompilerServices;
using Pangy.Core.Formats;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Datastore;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Build;

/// <summary>
/// The L lines of a chromosome in GFA order, and the haplotype masks that paths set on them. After
/// <see cref="Seal"/>, consecutive path steps are matched to links through a CSR keyed by packed step
/// (a few nanoseconds a pair), and each sample's bit is OR-ed into the link's <c>haplotype</c> mask, and into its
/// <c>reverse</c> mask when the path walks the link backwards (§3.2, decision 2).
/// </summary>
internal sealed class LinkTable
{
    private int[] _from, _to, _line;
    private byte[] _strands; // bit 0: from is '-', bit 1: to is '-'

    // CSR over packed source step: entries (target step, link index << 1 | walked-in-reverse).
    private int[] _offsets = [];
    private int[] _targets = []; // packed steps stay below 2^31 (ids below 2^30)
    private int[] _entries = [];

    // Masks, one plane per 32 samples: _hap[p][link] holds samples 32p..32p+31. A plane is allocated for every link
    // when its first sample appears, late in the path pass, where the build's memory peaks; 32-bit planes leave less
    // of the last one unused than 64-bit ones (89 samples: 12 bytes a link per mask instead of 16, 72 MB less on a
    // chr1-sized graph). The spill and links.db still get 64-bit words.
    private readonly List<uint[]> _hap = [];
    private readonly List<uint[]> _rev = [];

    public int Count { get; private set; }

    /// <summary>Sizes the arrays for about <paramref name="expected"/> links, so that growing rarely copies.</summary>
    public LinkTable(int expected = 1024)
    {
        int n = Math.Max(expected, 1024);
        _from = new int[n]; _to = new int[n]; _line = new int[n]; _strands = new byte[n];
    }

    /// <summary>Drops the step-pair lookup once every path has been read.</summary>
    public void ReleasePathLookup()
    {
        _offsets = [];
        _targets = [];
        _entries = [];
    }

    public void Add(int from, bool fromReverse, int to, bool toReverse, long line)
    {
        if (Count == _from.Length)
        {
            int size = checked(Count + Count / 2);
            Array.Resize(ref _from, size); Array.Resize(ref _to, size); Array.Resize(ref _line, size); Array.Resize(ref _strands, size);
        }
        _from[Count] = from;
        _to[Count] = to;
        _strands[Count] = (byte)((fromReverse ? 1 : 0) | (toReverse ? 2 : 0));
        _line[Count] = (int)Math.Min(line, int.MaxValue);
        Count++;
    }

    /// <summary>Sets the ends of link <paramref name="i"/> once renumbered names are resolved.</summary>
    public void SetEnds(int i, int from, int to)
    {
        _from[i] = from;
        _to[i] = to;
    }

    public int From(int i) => _from[i];
    public int To(int i) => _to[i];
    public bool FromReverse(int i) => (_strands[i] & 1) != 0;
    public bool ToReverse(int i) => (_strands[i] & 2) != 0;
    public int LineOf(int i) => _line[i];

    /// <summary>
    /// Checks every link against the segments and builds the step-pair lookup. Unknown segments and duplicate
    /// links (the same id text twice, which links.db's primary key forbids) are errors naming the L line.
    /// </summary>
    public void Seal(Func<long, bool> segmentExists, int maxSegmentId, string fileName)
    {
        for (int i = 0; i < Count; i++)
        {
            if (!segmentExists(_from[i])) BadInputException.Throw(fileName, _line[i], $"L line names segment {Name(_from[i])}, which no S line defines");
            if (!segmentExists(_to[i])) BadInputException.Throw(fileName, _line[i], $"L line names segment {Name(_to[i])}, which no S line defines");
        }
        int keys = 2 * (maxSegmentId + 1);
        var counts = new int[keys + 1];
        for (int i = 0; i < Count; i++)
        {
            counts[Src(i, forward: true)]++;
            counts[Src(i, forward: false)]++;
        }
        _offsets = new int[keys + 1];
        for (int k = 0, sum = 0; k <= keys; k++) { _offsets[k] = sum; sum += counts[k]; }
        _targets = new int[2 * Count];
        _entries = new int[2 * Count];
        var fill = (int[])_offsets.Clone();
        for (int i = 0; i < Count; i++)
        {
            int a = fill[Src(i, true)]++;
            _targets[a] = Dst(i, true);
            _entries[a] = i << 1;
            int b = fill[Src(i, false)]++;
            _targets[b] = Dst(i, false);
            _entries[b] = (i << 1) | 1;
        }
        // Duplicate links: two forward entries with the same source and target.
        for (int k = 0; k < keys; k++)
        {
            for (int a = _offsets[k]; a < _offsets[k + 1]; a++)
            {
                if ((_entries[a] & 1) != 0) continue;
                for (int b = a + 1; b < _offsets[k + 1]; b++)
                {
                    if ((_entries[b] & 1) == 0 && _targets[b] == _targets[a])
                    {
                        int first = _entries[a] >> 1, second = _entries[b] >> 1;
                        BadInputException.Throw(fileName, _line[second], $"duplicate link {IdText(second)} (first on line {_line[first]})");
                    }
                }
            }
        }
    }

    private Func<int, string>? _name;

    /// <summary>How to print a segment id in errors (original names when renumbered).</summary>
    public void NameSegmentsWith(Func<int, string> name) => _name = name;

    private string Name(int id) => _name?.Invoke(id) ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The packed step a link starts from / goes to, walked forward, or walked backwards (both ends flipped, swapped).
    private int Src(int i, bool forward) => forward ? (int)PathStep.Combine(_from[i], FromReverse(i)) : (int)PathStep.Combine(_to[i], !ToReverse(i));
    private int Dst(int i, bool forward) => (int)(forward ? PathStep.Combine(_to[i], ToReverse(i)) : PathStep.Combine(_from[i], !FromReverse(i)));

    /// <summary>Makes room for sample bit <paramref name="sample"/>.</summary>
    public void EnsureSample(int sample)
    {
        while (_hap.Count <= sample >> 5)
        {
            _hap.Add(new uint[Count]);
            _rev.Add(new uint[Count]);
        }
    }

    /// <summary>
    /// Marks every link walked by consecutive steps of <paramref name="steps"/> (preceded by <paramref name="previous"/>,
    /// or -1 at a path's start) with <paramref name="sample"/>'s bit. Returns the index of the first pair that no
    /// link joins, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Mark(ReadOnlySpan<long> steps, long previous, int sample)
    {
        uint[] hap = _hap[sample >> 5], rev = _rev[sample >> 5];
        uint bit = 1u << (sample & 31);
        int[] offsets = _offsets;
        int[] targets = _targets;
        int[] entries = _entries;
        long prev = previous;
        for (int s = 0; s < steps.Length; s++)
        {
            long cur = steps[s];
            if (prev >= 0)
            {
                bool found = false;
                for (int e = offsets[prev], end = offsets[prev + 1]; e < end; e++)
                {
                    if (targets[e] != cur) continue;
                    int entry = entries[e];
                    int link = entry >> 1;
                    hap[link] |= bit;
                    if ((entry & 1) != 0) rev[link] |= bit;
                    found = true;
                }
                if (!found) return s;
            }
            prev = cur;
        }
        return -1;
    }

    /// <summary>The link id text, e.g. <c>1001+1002-</c>.</summary>
    public string IdText(int i) => LinkIdText.Of(_from[i], FromReverse(i), _to[i], ToReverse(i));

    /// <summary>
    /// Writes what <c>links.db</c> needs of every link to <paramref name="spillPath"/> and lets go of the table's
    /// arrays (only <see cref="Count"/> stays), so that the SQLite load can run later without holding them in memory.
    /// Call it after <see cref="WriteIndex"/>, which needs the arrays.
    /// </summary>
    public SpilledLinkRows Spill(string spillPath, int samples, CancellationToken cancellationToken = default)
    {
        int planes = _hap.Count, words = (planes + 1) / 2;
        var spilled = SpilledLinkRows.Write(spillPath, Count, words, samples, (i, row) =>
        {
            row.From = _from[i];
            row.To = _to[i];
            row.Strands = _strands[i];
            for (int w = 0; w < words; w++)
            {
                row.Haplotype[w] = Word(_hap, w, i);
                row.Reverse[w] = Word(_rev, w, i);
            }
        }, cancellationToken);
        _from = _to = _line = [];
        _strands = [];
        _hap.Clear();
        _rev.Clear();
        return spilled;
    }

    // 64-bit word w of link i's mask: planes 2w and 2w + 1.
    private static ulong Word(List<uint[]> planes, int w, int i) =>
        planes[2 * w][i] | (2 * w + 1 < planes.Count ? (ulong)planes[2 * w + 1][i] << 32 : 0);

    /// <summary>Link <paramref name="i"/>'s frequency (§3.2): popcount(haplotype) / samples, 0 without samples.</summary>
    private double Frequency(int i, int samples)
    {
        int pop = 0;
        foreach (var w in _hap) pop += BitOperations.PopCount(w[i]);
        return SpilledLinkRows.Frequency(pop, samples);
    }

    /// <summary>
    /// Writes <c>links.mmapindex/</c> (§4.1): link arrays in GFA order ('+' = 1) and the CSR of links by segment, plus
    /// Pangy's <c>frequencies</c> column (the values <see cref="WriteDatabase"/> stores, for <paramref name="samples"/>).
    /// </summary>
    public void WriteIndex(string dir, int samples)
    {
        var from = new uint[Count];
        var frequencies = new double[Count];
        var to = new uint[Count];
        var fs = new byte[Count];
        var ts = new byte[Count];
        int maxId = -1;
        for (int i = 0; i < Count; i++)
        {
            from[i] = (uint)_from[i];
            to[i] = (uint)_to[i];
            fs[i] = FromReverse(i) ? (byte)0 : LinkIndexLayout.Forward;
            ts[i] = ToReverse(i) ? (byte)0 : LinkIndexLayout.Forward;
            maxId = Math.Max(maxId, Math.Max(_from[i], _to[i]));
            frequencies[i] = Frequency(i, samples);
        }
        // Each link is listed under both of its endpoints, in link order (a self-link twice under its segment).
        var counts = new uint[maxId + 1];
        for (int i = 0; i < Count; i++) { counts[_from[i]]++; counts[_to[i]]++; }
        var offsets = new uint[maxId + 1];
        uint sum = 0;
        for (int k = 0; k <= maxId; k++) { offsets[k] = sum; sum += counts[k]; }
        var flat = new uint[2 * Count];
        var fill = (uint[])offsets.Clone();
        for (int i = 0; i < Count; i++)
        {
            flat[fill[_from[i]]++] = (uint)i;
            flat[fill[_to[i]]++] = (uint)i;
        }
        IndexDirectoryWriter.Create(LinkIndexLayout.Index, dir)
            .Write<uint>(LinkIndexLayout.FromIds, from)
            .Write<uint>(LinkIndexLayout.ToIds, to)
            .Write<byte>(LinkIndexLayout.FromStrands, fs)
            .Write<byte>(LinkIndexLayout.ToStrands, ts)
            .Write<uint>(LinkIndexLayout.SegmentOffsets, offsets)
            .Write<uint>(LinkIndexLayout.SegmentCounts, counts)
            .Write<uint>(LinkIndexLayout.SegmentLinks, flat)
            .Write<double>(LinkIndexLayout.Frequencies, frequencies)
            .Finish((LinkIndexLayout.CountKey, Count));
    }
}
