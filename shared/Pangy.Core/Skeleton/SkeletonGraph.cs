using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Pangy.Core.Datastore;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Layout;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Skeleton;

/// <summary>A per-segment column of <c>segments.mmapindex/</c>.</summary>
internal enum SegmentColumn { X1, Y1, X2, Y2, Length, GcCount }

/// <summary>
/// The graph as the skeleton stage reads it: the memory-mapped <c>segments.mmapindex/</c> (float32 layout, lengths,
/// validity), <c>links.mmapindex/</c> (link ends and the per-segment CSR), <c>steps.mmapindex/</c> and the bubble
/// stage's <c>segment_to_bubble</c>. Nothing is copied onto the heap, so a chromosome's arrays cost only the pages
/// touched; <see cref="ReleaseMappings"/> unmaps them between phases (touched pages of a mapping count in the
/// process's resident memory until it is unmapped), and the next access maps them again.
/// </summary>
internal sealed class SkeletonGraph : IDisposable
{
    private readonly IndexColumnFile<float> _x1, _y1, _x2, _y2;
    private readonly IndexColumnFile<byte> _valid;
    private readonly IndexColumnFile<uint> _length, _gc;
    private readonly IndexColumnFile<uint> _from, _to, _offsets, _counts, _flat;
    private readonly IndexColumnFile<uint> _stepStarts, _stepEnds, _stepSegments;
    private readonly IndexColumnFile<uint> _segmentToBubble;
    private readonly Action[] _releaseAll;
    private int[]? _adjacency, _adjacencyOffsets;

    private SkeletonGraph(string dir, CancellationToken cancellationToken)
    {
        var layout = new ChromosomeLayout(dir);
        string seg = layout.IndexDirectory(SegmentIndexLayout.Index);
        string lnk = layout.IndexDirectory(LinkIndexLayout.Index);
        string stp = layout.IndexDirectory(StepIndexLayout.Index);
        const string BuildWrites = "missing from the chromosome directory (the chromosome build writes it)";
        _x1 = IndexColumnFile<float>.Open(seg, SegmentIndexLayout.X1, BuildWrites);
        _y1 = IndexColumnFile<float>.Open(seg, SegmentIndexLayout.Y1, BuildWrites);
        _x2 = IndexColumnFile<float>.Open(seg, SegmentIndexLayout.X2, BuildWrites);
        _y2 = IndexColumnFile<float>.Open(seg, SegmentIndexLayout.Y2, BuildWrites);
        _valid = IndexColumnFile<byte>.Open(seg, SegmentIndexLayout.Valid, BuildWrites);
        _length = IndexColumnFile<uint>.Open(seg, SegmentIndexLayout.Length, BuildWrites);
        _gc = IndexColumnFile<uint>.Open(seg, SegmentIndexLayout.GcCount, BuildWrites);
        _from = IndexColumnFile<uint>.Open(lnk, LinkIndexLayout.FromIds, BuildWrites);
        _to = IndexColumnFile<uint>.Open(lnk, LinkIndexLayout.ToIds, BuildWrites);
        _offsets = IndexColumnFile<uint>.Open(lnk, LinkIndexLayout.SegmentOffsets, BuildWrites);
        _counts = IndexColumnFile<uint>.Open(lnk, LinkIndexLayout.SegmentCounts, BuildWrites);
        _flat = IndexColumnFile<uint>.Open(lnk, LinkIndexLayout.SegmentLinks, BuildWrites);
        _stepStarts = IndexColumnFile<uint>.Open(stp, StepIndexLayout.Starts, BuildWrites);
        _stepEnds = IndexColumnFile<uint>.Open(stp, StepIndexLayout.Ends, BuildWrites);
        _stepSegments = IndexColumnFile<uint>.Open(stp, StepIndexLayout.Segments, BuildWrites);
        _segmentToBubble = IndexColumnFile<uint>.Open(layout.IndexDirectory(BubbleIndexLayout.Index), BubbleIndexLayout.SegmentToBubble,
            "missing from the chromosome directory (the bubble stage writes it)", required: false);
        _releaseAll = [_x1.Release, _y1.Release, _x2.Release, _y2.Release, _valid.Release, _length.Release, _gc.Release, _from.Release,
            _to.Release, _offsets.Release, _counts.Release, _flat.Release, _stepStarts.Release, _stepEnds.Release, _stepSegments.Release,
            _segmentToBubble.Release];

        long n = _valid.Length;
        if (_x1.Length != n || _y1.Length != n || _x2.Length != n || _y2.Length != n || _length.Length != n || _gc.Length != n)
            throw new BadInputException(seg, null, "segment arrays have different lengths");
        if (n > int.MaxValue) throw new BadInputException(seg, null, "more than 2^31 segment ids");
        if (_to.Length != _from.Length || _flat.Length != 2 * _from.Length || _offsets.Length != _counts.Length)
            throw new BadInputException(lnk, null, "link arrays have inconsistent lengths");
        if (_stepEnds.Length != _stepStarts.Length || _stepSegments.Length != _stepStarts.Length)
            throw new BadInputException(stp, null, "step arrays have different lengths");

        SegmentCount = ReadMetaInt(IndexLayout.MetaFileIn(seg), SegmentIndexLayout.CountKey);
        LinkCount = checked((int)_from.Length);
        Genome = ReadMetaString(IndexLayout.MetaFileIn(stp), StepIndexLayout.GenomeKey);
        MaxId = (int)n - 1;
        CsrSize = (int)_offsets.Length;
        // Every link end must be a segment id: the walks below index the segment arrays with them.
        var from = _from.Span; var to = _to.Span;
        for (int i = 0; i < from.Length; i++)
        {
            if (from[i] >= n || to[i] >= n)
                throw new BadInputException(lnk, null, $"link {i} names segment {Math.Max(from[i], to[i])}, beyond the segment arrays (max id {MaxId})");
            if ((i & CancelCheckMask) == 0) cancellationToken.ThrowIfCancellationRequested();
        }
        ReleaseMappings();
    }

    // Loops over links or segments look at the token once per 64 Ki items: often enough to stop within milliseconds.
    private const int CancelCheckMask = (1 << 16) - 1;

    /// <summary>Opens the arrays of the chromosome directory <paramref name="dir"/> and checks the link ends.</summary>
    public static SkeletonGraph Open(string dir, CancellationToken cancellationToken = default) => new(dir, cancellationToken);

    /// <summary>Number of valid segments (<c>segments.mmapindex/meta.json</c> count).</summary>
    public int SegmentCount { get; }

    /// <summary>Number of links.</summary>
    public int LinkCount { get; }

    /// <summary>Largest segment id (arrays are indexed 0..MaxId).</summary>
    public int MaxId { get; }

    /// <summary>Size of the link CSR: segment ids 0..CsrSize-1 have link lists.</summary>
    public int CsrSize { get; }

    /// <summary>The step index's reference genome name (<c>steps.mmapindex/meta.json</c>).</summary>
    public string Genome { get; }

    public ReadOnlySpan<float> X1 => _x1.Span;
    public ReadOnlySpan<float> Y1 => _y1.Span;
    public ReadOnlySpan<float> X2 => _x2.Span;
    public ReadOnlySpan<float> Y2 => _y2.Span;
    public ReadOnlySpan<byte> Valid => _valid.Span;
    public ReadOnlySpan<uint> Lengths => _length.Span;
    public ReadOnlySpan<uint> GcCounts => _gc.Span;
    public ReadOnlySpan<uint> LinkFrom => _from.Span;
    public ReadOnlySpan<uint> LinkTo => _to.Span;
    public ReadOnlySpan<uint> StepStarts => _stepStarts.Span;
    public ReadOnlySpan<uint> StepEnds => _stepEnds.Span;
    public ReadOnlySpan<uint> StepSegments => _stepSegments.Span;

    /// <summary><c>segment_to_bubble</c> (§4.1): the bubble owning each segment, 0 for none.</summary>
    public ReadOnlySpan<uint> SegmentToBubble => _segmentToBubble.Span;

    /// <summary>The reference's <c>segment_in_bubble(seg)</c> without boundaries: the owner, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int OwnerOf(int seg)
    {
        var s2b = _segmentToBubble.Span;
        return (uint)seg < (uint)s2b.Length ? (int)s2b[seg] : 0;
    }

    /// <summary>The float32 layout of the segments <paramref name="ids"/>, read from the file without mapping it.</summary>
    public float[] GatherLayout(SegmentColumn column, ReadOnlySpan<int> ids) => column switch
    {
        SegmentColumn.X1 => _x1.Gather(ids),
        SegmentColumn.Y1 => _y1.Gather(ids),
        SegmentColumn.X2 => _x2.Gather(ids),
        SegmentColumn.Y2 => _y2.Gather(ids),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    /// <summary>The lengths or GC counts of the segments <paramref name="ids"/>, read from the file without mapping it.</summary>
    public uint[] GatherCounts(SegmentColumn column, ReadOnlySpan<int> ids) => column switch
    {
        SegmentColumn.Length => _length.Gather(ids),
        SegmentColumn.GcCount => _gc.Gather(ids),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    /// <summary>
    /// Unmaps every array. Spans taken before must not be used after; the next access maps the array again. The
    /// stage calls this between phases, so pages one phase touched do not stay resident through the next.
    /// </summary>
    public void ReleaseMappings()
    {
        foreach (var release in _releaseAll) release();
    }

    /// <summary>True when <paramref name="id"/> is a segment of the graph.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(long id) => (ulong)id <= (ulong)MaxId && _valid.Span[(int)id] != 0;

    /// <summary>
    /// The neighbour entries of <paramref name="id"/>: for each of its links in link order (a self-link twice), the
    /// other end (<see cref="Other"/>), flagged (<see cref="IsFromOther"/>) when the link runs from that end to
    /// <paramref name="id"/>. Empty beyond the CSR. Entry <c>k</c> is position <c>NeighbourStart(id) + k</c> of the
    /// adjacency, which identifies one end of one link.
    /// </summary>
    public ReadOnlySpan<int> Neighbours(int id)
    {
        if ((uint)id >= (uint)CsrSize) return default;
        if (_adjacency is null) LoadAdjacency();
        var offsets = _adjacencyOffsets!;
        return _adjacency.AsSpan(offsets[id], offsets[id + 1] - offsets[id]);
    }

    /// <summary>The adjacency position of <paramref name="id"/>'s first neighbour entry.</summary>
    public int NeighbourStart(int id)
    {
        if (_adjacency is null) LoadAdjacency();
        return (uint)id < (uint)CsrSize ? _adjacencyOffsets![id] : 0;
    }

    /// <summary>Number of adjacency positions (twice the number of links).</summary>
    public int AdjacencySize
    {
        get
        {
            if (_adjacency is null) LoadAdjacency();
            return _adjacency!.Length;
        }
    }

    /// <summary>The segment a neighbour entry names.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Other(int entry) => entry & int.MaxValue;

    /// <summary>True when the entry's link is <c>other → this segment</c> (GFA from, to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsFromOther(int entry) => entry < 0;

    /// <summary>
    /// The neighbours of <paramref name="id"/> as the reference's <c>get_neighbors</c> lists them: for each of its
    /// links in order, the other end (the segment itself for a self-link, twice), written into <paramref name="into"/>.
    /// </summary>
    public void NeighboursOf(int id, List<int> into)
    {
        into.Clear();
        foreach (int e in Neighbours(id)) into.Add(e & int.MaxValue);
    }

    /// <summary>
    /// Builds the adjacency (above) on the heap from the link CSR and link ends, then unmaps those: it is half their
    /// size, and neighbour walks touch every page of them. Done on first use; the stage calls it where the mapped
    /// arrays' pages cost least.
    /// </summary>
    public void LoadAdjacency()
    {
        if (_adjacency is not null) return;
        var offsets = _offsets.Span; var counts = _counts.Span; var flat = _flat.Span;
        var from = _from.Span; var to = _to.Span;
        var adjacencyOffsets = new int[CsrSize + 1];
        long total = 0;
        for (int s = 0; s < CsrSize; s++)
        {
            adjacencyOffsets[s] = (int)total;
            total += counts[s];
        }
        if (total > flat.Length) throw new BadInputException(_flat.Path, null, "the CSR counts add up to more than the index holds");
        adjacencyOffsets[CsrSize] = (int)total;
        var adjacency = new int[total];
        for (int s = 0; s < CsrSize; s++)
        {
            var links = flat.Slice((int)offsets[s], (int)counts[s]);
            int at = adjacencyOffsets[s];
            foreach (uint l in links)
                adjacency[at++] = from[(int)l] == (uint)s ? (int)to[(int)l] : (int)from[(int)l] | int.MinValue;
        }
        _adjacencyOffsets = adjacencyOffsets;
        _adjacency = adjacency;
        _offsets.Release(); _counts.Release(); _flat.Release(); _from.Release(); _to.Release();
    }

    /// <summary>Drops the adjacency (it is built again on next use).</summary>
    public void DropAdjacency()
    {
        _adjacency = null;
        _adjacencyOffsets = null;
    }

    /// <summary>The centroid of a segment as the reference computes it from the float32 layout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (double X, double Y) Centroid(int id) =>
        (SegmentCoords.Centroid(_x1.Span[id], _x2.Span[id]), SegmentCoords.Centroid(_y1.Span[id], _y2.Span[id]));

    private static int ReadMetaInt(string path, string key)
    {
        using var doc = ReadMeta(path);
        if (!doc.RootElement.TryGetProperty(key, out var v) || !v.TryGetInt32(out int n))
            throw new BadInputException(path, null, $"no integer '{key}'");
        return n;
    }

    private static string ReadMetaString(string path, string key)
    {
        using var doc = ReadMeta(path);
        if (!doc.RootElement.TryGetProperty(key, out var v) || v.ValueKind != JsonValueKind.String)
            throw new BadInputException(path, null, $"no string '{key}'");
        return v.GetString()!;
    }

    private static JsonDocument ReadMeta(string path)
    {
        if (!File.Exists(path)) throw new BadInputException(path, null, "missing from the chromosome directory (the chromosome build writes it)");
        try
        {
            var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object) { doc.Dispose(); throw new BadInputException(path, null, "not a JSON object"); }
            return doc;
        }
        catch (JsonException e)
        {
            throw new BadInputException(path, null, $"not valid JSON ({e.Message})");
        }
    }

    public void Dispose() => ReleaseMappings();
}
