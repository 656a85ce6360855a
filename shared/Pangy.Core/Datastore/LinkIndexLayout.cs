namespace Pangy.Core.Datastore;

/// <summary>
/// <c>links.mmapindex/</c> (§4.1): link ends and strands in <c>links.db</c> row order ('+' = 1, '-' = 0), and the CSR
/// listing each segment's links (offsets and counts indexed by segment id, into the flat list of link indices).
/// Pangy adds <see cref="Frequencies"/>, which the reference does not write and its readers ignore (they open the files
/// they name and check only that those exist, §4.2).
/// </summary>
public static class LinkIndexLayout
{
    public static readonly NpyColumn<uint> FromIds = new("from_ids");
    public static readonly NpyColumn<uint> ToIds = new("to_ids");
    public static readonly NpyColumn<byte> FromStrands = new("from_strands");
    public static readonly NpyColumn<byte> ToStrands = new("to_strands");
    public static readonly NpyColumn<uint> SegmentOffsets = new("seg_index_offsets");
    public static readonly NpyColumn<uint> SegmentCounts = new("seg_index_counts");
    public static readonly NpyColumn<uint> SegmentLinks = new("seg_index_flat");

    /// <summary>
    /// Pangy's addition: each link's <c>links.db</c> <c>frequency</c> (the same float64), so that a query reads a window's
    /// frequencies from a few contiguous pages instead of from <c>links.db</c> rows. Absent from datastores written by
    /// the reference and by Pangy before it; readers then take the frequencies from <c>links.db</c>.
    /// </summary>
    public static readonly NpyColumn<double> Frequencies = new("frequencies");

    /// <summary><c>meta.json</c>: number of links.</summary>
    public const string CountKey = "num_links";

    /// <summary>The strand code of '+'; '-' is 0.</summary>
    public const byte Forward = 1;

    public static readonly IndexLayout Index = new("links.mmapindex", [CountKey],
        FromIds, ToIds, FromStrands, ToStrands, SegmentOffsets, SegmentCounts, SegmentLinks, Frequencies);
}
