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
