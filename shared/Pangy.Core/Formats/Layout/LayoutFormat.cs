namespace Pangy.Core.Formats.Layout;

/// <summary>The three layout file formats the reference accepts (pangyplot-reference.md §2).</summary>
public enum LayoutFormat
{
    /// <summary><c>odgi layout --tsv</c>: a header, then two rows (one per segment end) per segment.</summary>
    OdgiTsv,

    /// <summary>odgi's binary <c>.lay</c>: a double <c>min_value</c> and an sdsl <c>enc_vector</c>.</summary>
    OdgiBinary,

    /// <summary>A Bandage(NG) <c>.layout</c>: a JSON object of node name → polyline.</summary>
    BandageJson,
}

/// <summary>How a layout's entries are matched to the graph's segments.</summary>
public enum LayoutKind
{
    /// <summary>Entry k belongs to the k-th S line of the GFA (both odgi formats).</summary>
    Positional,

    /// <summary>Entries are keyed by segment id (Bandage).</summary>
    ById,
}

/// <summary>A segment's two ends in layout space: (X1, Y1) is its start, (X2, Y2) its end.</summary>
public readonly record struct SegmentCoords(double X1, double Y1, double X2, double Y2);
