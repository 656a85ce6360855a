using Pangy.Core.Datastore;
using Pangy.Core.Formats;

namespace Pangy.Core.Bubbles;

/// <summary>
/// Everything the bubble stage needs from a chromosome build, as flat arrays (no object per segment or link, so
/// that it scales to tens of millions of segments). Segments are held in ascending id order, which is the node
/// order the reference's bubble finder uses (§6.1); links in links.db row order, which decides adjacency order.
/// Tests build one directly; <see cref="Load"/> reads it from a chromosome directory.
/// </summary>
public sealed class BubbleGraphInput
{
    /// <summary>Segment ids, strictly ascending. Index <c>i</c> into this array is "segment index i" everywhere in the stage.</summary>
    public int[] SegmentIds { get; }
    public int[] Lengths { get; }
    public int[] GcCounts { get; }
    public int[] NCounts { get; }
    /// <summary>Layout coordinates as float64, as segments.db stores them (the bubble box must not use the float32 copies).</summary>
    public double[] X1 { get; }
    public double[] Y1 { get; }
    public double[] X2 { get; }
    public double[] Y2 { get; }

    /// <summary>Link endpoints as segment ids, in links.db row order.</summary>
    public int[] LinkFromIds { get; }
    public int[] LinkToIds { get; }
    /// <summary>Link strands: true for '+', false for '-'.</summary>
    public bool[] LinkFromForward { get; }
    public bool[] LinkToForward { get; }

    /// <summary>The segment id at each reference step (step 0 first).</summary>
    public int[] ReferenceStepSegments { get; }

    /// <summary>Name used in error messages for problems with the links (the file they came from).</summary>
    public string LinksSource { get; }

    // Segment id -> index. A direct table when ids are dense enough (they normally are: the datastore sizes its own
    // arrays by the largest id), otherwise a binary search over SegmentIds.
    private readonly int[]? _indexOfId;

    public BubbleGraphInput(
        int[] segmentIds, int[] lengths, int[] gcCounts, int[] nCounts,
        double[] x1, double[] y1, double[] x2, double[] y2,
        int[] linkFromIds, bool[] linkFromForward, int[] linkToIds, bool[] linkToForward,
        int[] referenceStepSegments,
        string segmentsSource = "segments", string linksSource = "links", string stepsSource = "steps")
    {
        int n = segmentIds.Length;
        if (lengths.Length != n || gcCounts.Length != n || nCounts.Length != n ||
            x1.Length != n || y1.Length != n || x2.Length != n || y2.Length != n)
            throw new ArgumentException("every segment column must have one value per segment");
        int m = linkFromIds.Length;
        if (linkToIds.Length != m || linkFromForward.Length != m || linkToForward.Length != m)
            throw new ArgumentException("every link column must have one value per link");

        for (int i = 0; i < n; i++)
        {
            if (segmentIds[i] < 0)
                throw new BadInputException(segmentsSource, null, $"segment id {segmentIds[i]} is negative");
            if (i > 0 && segmentIds[i] <= segmentIds[i - 1])
                throw new BadInputException(segmentsSource, null,
                    segmentIds[i] == segmentIds[i - 1] ? $"segment id {segmentIds[i]} appears twice" : "segment ids are not in ascending order");
        }

        SegmentIds = segmentIds; Lengths = lengths; GcCounts = gcCounts; NCounts = nCounts;
        X1 = x1; Y1 = y1; X2 = x2; Y2 = y2;
        LinkFromIds = linkFromIds; LinkToIds = linkToIds; LinkFromForward = linkFromForward; LinkToForward = linkToForward;
        ReferenceStepSegments = referenceStepSegments;
        LinksSource = linksSource;

        long maxId = n == 0 ? -1 : segmentIds[n - 1];
        if (maxId < 4L * n + 1024)
        {
            _indexOfId = new int[maxId + 1];
            Array.Fill(_indexOfId, -1);
            for (int i = 0; i < n; i++) _indexOfId[segmentIds[i]] = i;
        }

        for (int k = 0; k < m; k++)
        {
            if (IndexOf(linkFromIds[k]) < 0)
                throw new BadInputException(linksSource, null, $"link {LinkId(k)} names unknown segment {linkFromIds[k]}");
            if (IndexOf(linkToIds[k]) < 0)
                throw new BadInputException(linksSource, null, $"link {LinkId(k)} names unknown segment {linkToIds[k]}");
        }
        foreach (int s in referenceStepSegments)
            if (IndexOf(s) < 0)
                throw new BadInputException(stepsSource, null, $"reference step names unknown segment {s}");
    }

    public int SegmentCount => SegmentIds.Length;
    public int LinkCount => LinkFromIds.Length;

    /// <summary>The largest segment id, or 0 when there are no segments (the datastore sizes per-segment arrays by it).</summary>
    public int MaxSegmentId => SegmentIds.Length == 0 ? 0 : SegmentIds[^1];

    /// <summary>The index of segment <paramref name="id"/>, or -1 when no such segment exists.</summary>
    public int IndexOf(long id)
    {
        if (_indexOfId is not null)
            return id >= 0 && id < _indexOfId.Length ? _indexOfId[id] : -1;
        if (id < int.MinValue || id > int.MaxValue) return -1;
        int i = Array.BinarySearch(SegmentIds, (int)id);
        return i >= 0 ? i : -1;
    }

    /// <summary>The links.db id of link <paramref name="k"/>: <c>{from}{strand}{to}{strand}</c>, e.g. <c>7+12-</c>.</summary>
    public string LinkId(int k) => LinkIdText.Of(LinkFromIds[k], !LinkFromForward[k], LinkToIds[k], !LinkToForward[k]);

    /// <summary>Writes link <paramref name="k"/>'s links.db id into <paramref name="dest"/>; returns the length.</summary>
    public int FormatLinkId(int k, Span<byte> dest) =>
        LinkIdText.Format(dest, LinkFromIds[k], !LinkFromForward[k], LinkToIds[k], !LinkToForward[k]);

    /// <summary>
    /// Reads the stage's inputs from a chromosome directory written by the chromosome build: <c>segments.db</c>
    /// (ids, lengths, GC/N counts and the float64 layout coordinates), <c>links.mmapindex/</c> (link endpoints and
    /// strands in links.db row order) and <c>steps.mmapindex/segments.npy</c> (the reference path's segments).
    /// </summary>
    public static BubbleGraphInput Load(string chromosomeDir, CancellationToken cancellationToken = default) =>
        ChromosomeInputReader.Read(chromosomeDir, cancellationToken);
}
