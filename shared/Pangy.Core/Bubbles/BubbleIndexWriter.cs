using Pangy.Core.Datastore;

namespace Pangy.Core.Bubbles;

/// <summary>
/// Builds <c>bubbles.mmapindex/</c> (§4.1) from the rows as they are written, in id order, and saves it.
/// </summary>
internal sealed class BubbleIndexWriter
{
    private readonly uint[] _segmentToBubble;
    private readonly uint[] _bubbleToParent;
    private readonly List<(uint Start, uint End, uint Id)> _ranges;
    private readonly List<(double X1, double X2, uint Id)> _layout;

    /// <param name="topLevelCount">How many bubbles have no parent: the layout index has one entry each, and the range
    /// index nearly always one too, so both lists start at that size instead of growing by copies (on a chr1-sized
    /// graph the copies were a tenth of the bubble stage's peak).</param>
    public BubbleIndexWriter(int maxSegmentId, int bubbleCount, int topLevelCount)
    {
        _segmentToBubble = new uint[maxSegmentId + 1];
        _bubbleToParent = new uint[bubbleCount + 1];
        _ranges = new(topLevelCount);
        _layout = new(topLevelCount);
    }

    /// <summary>Adds one row; rows must come in id order because later rows overwrite earlier ones.</summary>
    public void Add(BubbleRow row)
    {
        uint id = (uint)row.Id;
        if (row.Parent != 0)
        {
            // A nested bubble's ends belong to its parent; a top-level bubble's ends stay unmapped.
            _bubbleToParent[id] = (uint)row.Parent;
            foreach (int s in row.Source) _segmentToBubble[s] = (uint)row.Parent;
            foreach (int s in row.Sink) _segmentToBubble[s] = (uint)row.Parent;
        }
        foreach (int s in row.Inside) _segmentToBubble[s] = id;
        if (row.Parent == 0)
        {
            foreach (var (start, end) in row.RangeInclusive) _ranges.Add(((uint)start, (uint)end, id));
            _layout.Add((Math.Min(row.X1, row.X2), Math.Max(row.X1, row.X2), id));
        }
    }

    /// <summary>Number of entries of the top-level range index (<c>ids</c>).</summary>
    public int RangeEntries => _ranges.Count;

    /// <summary>Number of entries of the layout index (<c>layout_ids</c>).</summary>
    public int LayoutEntries => _layout.Count;

    /// <summary>Writes every array and <c>meta.json</c> into <paramref name="dir"/> (created if needed).</summary>
    public void Save(string dir)
    {
        _ranges.Sort();
        // Sorted on the float64 values, then narrowed to float32, as the reference sorts Python floats into array('f').
        _layout.Sort();
        int r = _ranges.Count, l = _layout.Count;
        var starts = new uint[r]; var ends = new uint[r]; var ids = new uint[r];
        for (int i = 0; i < r; i++) (starts[i], ends[i], ids[i]) = _ranges[i];
        var lx1 = new float[l]; var lx2 = new float[l]; var lids = new uint[l];
        for (int i = 0; i < l; i++) { lx1[i] = (float)_layout[i].X1; lx2[i] = (float)_layout[i].X2; lids[i] = _layout[i].Id; }

        IndexDirectoryWriter.Create(BubbleIndexLayout.Index, dir)
            .Write<uint>(BubbleIndexLayout.BubbleToParent, _bubbleToParent)
            .Write<uint>(BubbleIndexLayout.SegmentToBubble, _segmentToBubble)
            .Write<uint>(BubbleIndexLayout.StartSteps, starts)
            .Write<uint>(BubbleIndexLayout.EndSteps, ends)
            .Write<uint>(BubbleIndexLayout.Ids, ids)
            .Write<float>(BubbleIndexLayout.LayoutX1, lx1)
            .Write<float>(BubbleIndexLayout.LayoutX2, lx2)
            .Write<uint>(BubbleIndexLayout.LayoutIds, lids)
            .Finish((BubbleIndexLayout.CountKey, r));
    }
}
