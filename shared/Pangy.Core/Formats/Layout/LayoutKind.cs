namespace Pangy.Core.Formats.Layout;

/// <summary>How a layout's entries are matched to the graph's segments.</summary>
public enum LayoutKind
{
    /// <summary>Entry k belongs to the k-th S line of the GFA (both odgi formats).</summary>
    Positional,

    /// <summary>Entries are keyed by segment id (Bandage).</summary>
    ById,
}
