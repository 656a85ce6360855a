using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Pangy.Core.Bubbles;
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
    private readonly Mapped<float> _x1, _y1, _x2, _y2;
    private readonly Mapped<byte> _valid;
    private readonly Mapped<uint> _length, _gc;
    private readonly Mapped<uint> _from, _to, _offsets, _counts, _flat;
    private readonly Mapped<uint> _stepStarts, _stepEnds, _stepSegments;
    private readonly Mapped<uint> _segmentToBubble;
    private readonly IMapped[] _all;
    private int[]? _adjacency, _adjacencyOffsets;

    private SkeletonGraph(string dir)
    {
        string seg = Path.Combine(dir, "segments.mmapindex");
        string lnk = Path.Combine(dir, "links.mmapindex");
        string stp = Path.Combine(dir, "steps.mmapindex");
        const string BuildWrites = "missing from the chromosome directory (the chromosome build writes it)";
        _x1 = new(Path.Combine(seg, "x1.npy"), BuildWrites);
        _y1 = new(Path.Combine(seg, "y1.npy"), BuildWrites);
        _x2 = new(Path.Combine(seg, "x2.npy"), BuildWrites);
        _y2 = new(Path.Combine(seg, "y2.npy"), BuildWrites);
        _valid = new(Path.Combine(seg, "valid.npy"), BuildWrites);
        _length = new(Path.Combine(seg, "length.npy"), BuildWrites);
        _gc = new(Path.Combine(seg, "gc_count.npy"), BuildWrites);
        _from = new(Path.Combine(lnk, "from_ids.npy"), BuildWrites);
        _to = new(Path.Combine(lnk, "to_ids.npy"), BuildWrites);
        _offsets = new(Path.Combine(lnk, "seg_index_offsets.npy"), BuildWrites);
        _counts = new(Path.Combine(lnk, "seg_index_counts.npy"), BuildWrites);
        _flat = new(Path.Combine(lnk, "seg_index_flat.npy"), BuildWrites);
        _stepStarts = new(Path.Combine(stp, "starts.npy"), BuildWrites);
        _stepEnds = new(Path.Combine(stp, "ends.npy"), BuildWrites);
        _stepSegments = new(Path.Combine(stp, "segments.npy"), BuildWrites);
        _segmentToBubble = new(Path.Combine(dir, BubbleStage.IndexDirName, "segment_to_bubble.npy"),
            "missing from the chromosome directory (the bubble stage writes it)", required: false);
        _all = [_x1, _y1, _x2, _y2, _valid, _length, _gc, _from, _to, _offsets, _counts, _flat, _stepStarts, _stepEnds, _stepSegments, _segmentToBubble];

        long n = _valid.Length;
        if (_x1.Length != n || _y1.Length != n || _x2.Length != n || _y2.Length != n || _length.Length != n || _gc.Length != n)
            throw new BadInputException(seg, null, "segment arrays have different lengths");
        if (n > int.MaxValue) throw new BadInputException(seg, null, "more than 2^31 segment ids");
        if (_to.Length != _from.Length || _flat.Length != 2 * _from.Length || _offsets.Length != _counts.Length)
            throw new BadInputException(lnk, null, "link arrays have inconsistent lengths");
        if (_stepEnds.Length != _stepStarts.Length || _stepSegments.Length != _stepStarts.Length)
            throw new BadInputException(stp, null, "step arrays have different lengths");

        SegmentCount = ReadMetaInt(Path.Combine(seg, "meta.json"), "count");
        LinkCount = checked((int)_from.Length);
        Genome = ReadMetaString(Path.Combine(stp, "meta.json"), "genome");
        MaxId = (int)n - 1;
        CsrSize = (int)_offsets.Length;
        // Every link end must be a segment id: the walks below index the segment arrays with them.
        var from = _from.Span; var to = _to.Span;
        for (int i = 0; i < from.Length; i++)
            if (from[i] >= n || to[i] >= n)
                throw new BadInputException(lnk, null, $"link {i} names segment {Math.Max(from[i], to[i])}, beyond the segment arrays (max id {MaxId})");
        ReleaseMappings();
    }

    /// <summary>Opens the arrays of the chromosome directory <paramref name="dir"/>.</summary>
    public static SkeletonGraph Open(string dir) => new(dir);

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
        foreach (var a in _all) a.Release();
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
        if (total > flat.Length) throw new BadInputException(_flat.PathName, null, "the CSR counts add up to more than the index holds");
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
        foreach (var a in new IMapped[] { _offsets, _counts, _flat, _from, _to }) a.Release();
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

    private interface IMapped
    {
        void Release();
    }

    /// <summary>
    /// One <c>.npy</c> array, checked (header, dtype, size) when the graph is opened and mapped on first use.
    /// <paramref name="required"/> false defers the existence check to the first use (an input of a later phase).
    /// </summary>
    private sealed class Mapped<T> : IMapped where T : unmanaged
    {
        private readonly string _path, _missing;
        private NpyArray<T>? _array;

        public string PathName => _path;

        public Mapped(string path, string missing, bool required = true)
        {
            _path = path;
            _missing = missing;
            if (!required) { Length = -1; return; }
            using var a = Open();
            Length = a.Length;
        }

        /// <summary>Number of elements (-1 for an array not checked yet).</summary>
        public long Length { get; }

        public ReadOnlySpan<T> Span
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => (_array ?? Map()).Span;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private NpyArray<T> Map() => _array = Open();

        private NpyArray<T> Open()
        {
            if (!File.Exists(_path)) throw new BadInputException(_path, null, _missing);
            return NpyArray<T>.Open(_path);
        }

        public void Release()
        {
            _array?.Dispose();
            _array = null;
        }

        /// <summary>
        /// The elements at <paramref name="ids"/> (valid indices), read through a small block buffer: a few values
        /// spread over a large array cost no resident pages, and runs of ascending ids read the file sequentially.
        /// </summary>
        public T[] Gather(ReadOnlySpan<int> ids)
        {
            var result = new T[ids.Length];
            if (ids.IsEmpty) return result;
            long dataOffset = NpyHeader.Read(_path).DataOffset;
            int size = Unsafe.SizeOf<T>();
            using var handle = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var block = new byte[1 << 16];
            long blockStart = 0;
            int blockLength = 0;
            for (int i = 0; i < ids.Length; i++)
            {
                long pos = dataOffset + (long)ids[i] * size;
                if (pos < blockStart || pos + size > blockStart + blockLength)
                {
                    blockStart = pos;
                    blockLength = 0;
                    while (blockLength < size)
                    {
                        int got = RandomAccess.Read(handle, block.AsSpan(blockLength), blockStart + blockLength);
                        if (got <= 0) throw new BadInputException(_path, null, "shorter than its header says");
                        blockLength += got;
                    }
                }
                result[i] = MemoryMarshal.Read<T>(block.AsSpan((int)(pos - blockStart), size));
            }
            return result;
        }
    }
}
