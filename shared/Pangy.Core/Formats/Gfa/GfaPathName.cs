using System.Globalization;
using System.Text.RegularExpressions;
using Pangy.Core.Formats.PathIndex;

namespace Pangy.Core.Formats.Gfa;

/// <summary>
/// What a P or W line's name says about the path, parsed exactly as the reference does (§1.3): the sample (after
/// <c>--sep</c>), haplotype, contig and start, and the <see cref="SampleName"/> (<c>sample</c> or <c>sample#hap</c>)
/// that keys everything per sample.
/// </summary>
public sealed partial record GfaPathName(string FullId, string Sample, string? Hap, string Contig, PathStart Start)
{
    /// <summary>The key used everywhere per sample: <c>sample</c>, or <c>sample#hap</c> when there is a haplotype.</summary>
    public string SampleName => Hap is null ? Sample : $"{Sample}#{Hap}";

    [GeneratedRegex(@":(\d+)-\d+$")]
    private static partial Regex RangeSuffix();

    [GeneratedRegex(@"\[(\d+)-(\d+)\]$")]
    private static partial Regex BracketSuffix();

    /// <summary>Parses a P line's name: <c>:start-end</c> suffix, then <c>genome#hap#contig[a-b]</c> parts.</summary>
    public static GfaPathName FromPLine(string fullId, char? separator)
    {
        long start = 0;
        string rest = fullId;
        var m = RangeSuffix().Match(rest);
        if (m.Success)
        {
            start = ParseLong(m.Groups[1].Value);
            rest = rest[..rest.LastIndexOf(':')];
        }

        string genome, contig;
        string? hap = null;
        if (rest.Contains('#'))
        {
            var parts = rest.Split('#');
            var b = BracketSuffix().Match(parts[^1]);
            if (b.Success)
            {
                start += ParseLong(b.Groups[1].Value);
                parts[^1] = parts[^1][..b.Index];
            }
            genome = parts[0];
            if (parts.Length == 2) contig = parts[1];
            else { hap = parts[1]; contig = parts[2]; }
        }
        else
        {
            genome = contig = rest;
        }
        return new GfaPathName(fullId, ApplySeparator(genome, separator), hap, contig, PathStart.Of(start));
    }

    /// <summary>
    /// A W line's columns: the full id is the sample column only (as in the reference), the start stays text
    /// (the reference writes it as a string into index.json) but is also parsed, which the reference forgets.
    /// </summary>
    public static GfaPathName FromWLine(string sample, string hap, string contig, string start, char? separator) =>
        new(sample, ApplySeparator(sample, separator), hap, contig, PathStart.OfText(start));

    private static string ApplySeparator(string genome, char? separator)
    {
        if (separator is not { } c) return genome;
        int i = genome.IndexOf(c);
        return i < 0 ? genome : genome[..i];
    }

    // Digits only, so no sign or culture issues; values beyond long are a user error reported by the caller.
    private static long ParseLong(string digits) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : long.MaxValue;
}
