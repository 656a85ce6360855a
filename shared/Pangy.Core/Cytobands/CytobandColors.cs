namespace Pangy.Core.Cytobands;

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
