namespace Pangy.Core.Datastore;

/// <summary>
/// <c>bubbles.mmapindex/</c> (§4.1): parent and owner maps, the top-level bubbles' inclusive step ranges sorted by
/// (start, end, id), and their layout x ranges sorted by (x1, x2, id).
/// </summary>
public static class BubbleIndexLayout
{
    public static readonly NpyColumn<uint> BubbleToParent = new("bubble_to_parent");
    public static readonly NpyColumn<uint> SegmentToBubble = new("segment_to_bubble");
    public static readonly NpyColumn<uint> StartSteps = new("start_steps");
    public static readonly NpyColumn<uint> EndSteps = new("end_steps");
    public static readonly NpyColumn<uint> Ids = new("ids");
    public static readonly NpyColumn<float> LayoutX1 = new("layout_x1");
    public static readonly NpyColumn<float> LayoutX2 = new("layout_x2");
    public static readonly NpyColumn<uint> LayoutIds = new("layout_ids");

    /// <summary><c>meta.json</c>: number of entries of the range index.</summary>
    public const string CountKey = "num_bubbles";

    public static readonly IndexLayout Index = new("bubbles.mmapindex", [CountKey],
        BubbleToParent, SegmentToBubble, StartSteps, EndSteps, Ids, LayoutX1, LayoutX2, LayoutIds);
}
