namespace Pangy.Core.Cytobands;

/// <summary>
/// One band of an ideogram, the reference's band dict (§9.2): <c>{"band": Index, "start", "end", "name",
/// "type": Stain, "color", "chr": Chrom, "size", "x"}</c>. <see cref="Size"/> is <c>(end - start) / max_end</c> and
/// <see cref="X"/> is <c>start / max_end</c>, where max_end is the largest band end of the chromosome.
/// </summary>
/// <param name="Index">0-based position of the band within its chromosome, in file order.</param>
/// <param name="Start">Start as written (UCSC: 0-based).</param>
/// <param name="End">End as written.</param>
/// <param name="Name">Band name (<c>p36.33</c>); the chromosome name when the file leaves it empty.</param>
/// <param name="Stain">Giemsa stain (<c>gneg</c>, <c>gpos25</c>, <c>acen</c>, …).</param>
/// <param name="Color">The stain's colour (<see cref="CytobandColors"/>).</param>
/// <param name="Chrom">Chromosome name.</param>
/// <param name="Size">Band length as a fraction of the chromosome.</param>
/// <param name="X">Band start as a fraction of the chromosome.</param>
public sealed record CytobandBand(int Index, long Start, long End, string Name, string Stain, string Color, string Chrom, double Size, double X);

/// <summary>The reference's stain colours; any other stain is black.</summary>
public static class CytobandColors
{
    /// <summary>The colour of a stain not in the table.</summary>
    public const string Default = "#000000";

    /// <summary>Stain → colour.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByStain = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["acen"] = "#CC0000",
        ["gneg"] = "#FFFFFF",
        ["gpos100"] = "#000000",
        ["gpos25"] = "#CCCCCC",
        ["gpos50"] = "#7F7F7F",
        ["gpos75"] = "#333333",
        ["gvar"] = "#0DCC00",
        ["stalk"] = "#00CC83",
    };

    /// <summary>The colour of <paramref name="stain"/>.</summary>
    public static string Of(string stain) => ByStain.TryGetValue(stain, out var c) ? c : Default;
}
