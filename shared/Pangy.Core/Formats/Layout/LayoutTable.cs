namespace Pangy.Core.Formats.Layout;

/// <summary>
/// A parsed layout: segment coordinates either by position (odgi: entry k is the k-th S line of the GFA) or by
/// segment id (Bandage). Positional coordinates are held as flat doubles, 32 bytes a segment.
/// </summary>
public sealed class LayoutTable
{
    private readonly PositionalCoords? _positional;
    private readonly Dictionary<long, SegmentCoords>? _byId;

    internal LayoutTable(string fileName, LayoutFormat format, PositionalCoords positional)
    {
        FileName = fileName;
        Format = format;
        Kind = LayoutKind.Positional;
        _positional = positional;
        Count = positional.SegmentCount;
    }

    internal LayoutTable(string fileName, LayoutFormat format, Dictionary<long, SegmentCoords> byId)
    {
        FileName = fileName;
        Format = format;
        Kind = LayoutKind.ById;
        _byId = byId;
        Count = byId.Count;
    }

    /// <summary>The file the layout was read from, as given to the reader (used in error messages).</summary>
    public string FileName { get; }

    /// <summary>The format the file was in.</summary>
    public LayoutFormat Format { get; }

    /// <summary>Whether entries are looked up by position (<see cref="GetPositional"/>) or by id (<see cref="TryGetById"/>).</summary>
    public LayoutKind Kind { get; }

    /// <summary>Number of segments (positional) or of entries (by id).</summary>
    public int Count { get; }

    /// <summary>The coordinates of the <paramref name="index"/>-th segment (0-based), i.e. of the GFA's k-th S line.</summary>
    /// <exception cref="InvalidOperationException">The layout is keyed by id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="Count"/>.</exception>
    public SegmentCoords GetPositional(int index)
    {
        if (_positional is null) throw new InvalidOperationException($"{FileName}: a {Format} layout is keyed by segment id, not by position");
        return _positional.Get(index);
    }

    /// <summary>The coordinates of segment <paramref name="segmentId"/>, when the layout has them.</summary>
    /// <exception cref="InvalidOperationException">The layout is positional.</exception>
    public bool TryGetById(long segmentId, out SegmentCoords coords)
    {
        if (_byId is null) throw new InvalidOperationException($"{FileName}: a {Format} layout is positional, not keyed by segment id");
        return _byId.TryGetValue(segmentId, out coords);
    }

    /// <summary>
    /// The entries of an id-keyed layout, in the order their ids first appeared in the file (the order the
    /// reference's dict has).
    /// </summary>
    /// <exception cref="InvalidOperationException">The layout is positional.</exception>
    public IEnumerable<KeyValuePair<long, SegmentCoords>> EnumerateById()
    {
        if (_byId is null) throw new InvalidOperationException($"{FileName}: a {Format} layout is positional, not keyed by segment id");
        return _byId;
    }

    /// <summary>Copies every segment of a positional layout, in order, into <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidOperationException">The layout is keyed by id.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Count"/>.</exception>
    public void CopyPositionalTo(Span<SegmentCoords> destination)
    {
        if (_positional is null) throw new InvalidOperationException($"{FileName}: a {Format} layout is keyed by segment id, not by position");
        if (destination.Length < Count) throw new ArgumentException($"needs room for {Count} segments", nameof(destination));
        int k = 0;
        for (int b = 0; b < _positional.BlockCount; b++)
        {
            Span<double> block = _positional.Block(b);
            for (int o = 0; o + 3 < block.Length; o += 4)
                destination[k++] = new SegmentCoords(block[o], block[o + 1], block[o + 2], block[o + 3]);
        }
    }

    internal PositionalCoords? Positional => _positional;
}
