namespace Pangy.Core.Datastore;

/// <summary>
/// <c>segments.mmapindex/</c> (§4.1): per-segment arrays of size max_id+1 indexed by segment id; <c>meta.json</c>
/// holds the number of segments and the largest id.
/// </summary>
public static class SegmentIndexLayout
{
    public static readonly NpyColumn<uint> Length = new("length");
    public static readonly NpyColumn<uint> GcCount = new("gc_count");
    public static readonly NpyColumn<uint> NCount = new("n_count");
    public static readonly NpyColumn<float> X1 = new("x1");
    public static readonly NpyColumn<float> Y1 = new("y1");
    public static readonly NpyColumn<float> X2 = new("x2");
    public static readonly NpyColumn<float> Y2 = new("y2");
    /// <summary>1 where the id is a segment of the graph.</summary>
    public static readonly NpyColumn<byte> Valid = new("valid");

    /// <summary><c>meta.json</c>: number of segments.</summary>
    public const string CountKey = "count";
    /// <summary><c>meta.json</c>: the largest segment id.</summary>
    public const string MaxIdKey = "max_id";

    public static readonly IndexLayout Index = new("segments.mmapindex", [CountKey, MaxIdKey],
        Length, GcCount, NCount, X1, Y1, X2, Y2, Valid);
}
