using System.Globalization;
using Pangy.Core.Formats;

namespace Pangy.Core.Cytobands;

/// <summary>
/// Reads the two files of an ideogram as the reference's <c>parse_cytoband.py</c> does (§9.2): a canonical list (one
/// chromosome per non-empty line, in order) and a UCSC <c>cytoBand.txt</c> (exactly 5 tab-separated columns
/// <c>chrom start end name stain</c>). Rows of chromosomes outside a non-empty canonical list are skipped; an empty
/// name becomes the chromosome's name. Errors are <see cref="BadInputException"/>s with file and line: a row without
/// exactly 5 columns, non-integer coordinates, no rows at all, a chromosome whose bands all end at 0.
/// Going past the reference (which fails on them): blank lines and <c>#</c> header lines (UCSC table-browser
/// downloads start with <c>#chrom</c>) are skipped.
/// </summary>
public static class CytobandReader
{
    /// <summary>The canonical chromosome list: each line trimmed, empty lines dropped, order and duplicates kept.</summary>
    public static IReadOnlyList<string> ReadCanonical(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var list = new List<string>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            string chrom = line.Trim();
            if (chrom.Length > 0) list.Add(chrom);
        }
        return list;
    }

    /// <summary>
    /// The bands per chromosome, chromosomes in the order they first appear in the file, bands in file order, with
    /// <see cref="CytobandBand.Size"/> and <see cref="CytobandBand.X"/> filled in.
    /// </summary>
    /// <param name="reader">The cytoBand text.</param>
    /// <param name="fileName">Name used in errors.</param>
    /// <param name="canonical">Keep only these chromosomes; null or empty keeps all (as the reference).</param>
    public static IReadOnlyList<KeyValuePair<string, CytobandBand[]>> ReadBands(TextReader reader, string fileName, IReadOnlyList<string>? canonical)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        HashSet<string>? keep = canonical is { Count: > 0 } ? new HashSet<string>(canonical, StringComparer.Ordinal) : null;
        var order = new List<string>();
        var rows = new Dictionary<string, List<(long Start, long End, string Name, string Stain)>>(StringComparer.Ordinal);
        string? line;
        long lineNo = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            string text = line.Trim();
            if (text.Length == 0 || text[0] == '#') continue;
            string[] f = text.Split('\t');
            if (f.Length != 5) throw new BadInputException(fileName, lineNo, $"expected 5 tab-separated columns, got {f.Length}");
            string chrom = f[0], name = f[3].Length == 0 ? f[0] : f[3], stain = f[4];
            if (keep is not null && !keep.Contains(chrom)) continue;
            if (!TryParseInt(f[1], out long start) || !TryParseInt(f[2], out long end))
                throw new BadInputException(fileName, lineNo, $"non-integer coordinates: start='{f[1]}', end='{f[2]}'");
            if (!rows.TryGetValue(chrom, out var list))
            {
                rows[chrom] = list = [];
                order.Add(chrom);
            }
            list.Add((start, end, name, stain));
        }
        if (order.Count == 0)
            throw new BadInputException(fileName, null, keep is null ? "no cytoband rows" : "no cytoband rows for the canonical chromosomes");

        var result = new List<KeyValuePair<string, CytobandBand[]>>(order.Count);
        foreach (string chrom in order)
        {
            var list = rows[chrom];
            long maxEnd = list.Max(b => b.End);
            if (maxEnd == 0) throw new BadInputException(fileName, null, $"every band of {chrom} ends at 0, so its bands have no size");
            double total = maxEnd;
            var bands = new CytobandBand[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                var (s, e, n, st) = list[i];
                // Python's int / int: both converted to double, one correctly rounded division.
                bands[i] = new CytobandBand(i, s, e, n, st, CytobandColors.Of(st), chrom, (e - s) / total, s / total);
            }
            result.Add(new(chrom, bands));
        }
        return result;
    }

    // Python's int(): optional surrounding white space, an optional sign, ASCII digits.
    private static bool TryParseInt(string s, out long value) =>
        long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
