namespace Pangy.Core.Formats.ChromAlias;

/// <summary>
/// Reads UCSC <c>chromAlias.txt</c> (genomewiki "Chrom Alias"): tab-separated, the first column the canonical name, any
/// number of alias columns after it (an empty field where a scheme has no name). A first line <c># ucsc genbank …</c>
/// names the schemes; the older header <c># sequenceName	alias names	…</c>, whose fields do not match the columns, names
/// none. Other <c>#</c> lines and blank lines are ignored.
/// </summary>
public static class ChromAliasReader
{
    /// <exception cref="BadInputException">A row with only one column, a canonical name listed twice, rows of different widths under a naming header.</exception>
    public static ChromAliasTable Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <inheritdoc cref="Read(string)"/>
    public static ChromAliasTable Read(Stream stream, string fileName)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        List<string>? header = null;
        var rows = new List<IReadOnlyList<string>>();
        var canonical = new HashSet<string>(StringComparer.Ordinal);
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.StartsWith('#'))
            {
                if (number == 1) header = [.. line.TrimStart('#', ' ').Split('\t').Select(s => s.Trim())];
                continue;
            }
            if (line.Trim().Length == 0) continue;
            var fields = line.TrimEnd('\r').Split('\t');
            if (fields.Length < 2 || fields[0].Length == 0)
                throw new BadInputException(fileName, number, "an alias row needs the canonical name and at least one alias column, tab-separated");
            if (!canonical.Add(fields[0])) throw new BadInputException(fileName, number, $"'{fields[0]}' starts two rows");
            rows.Add(fields);
        }
        // Only a header with a name for every column names the schemes (the old 3-field header over 4 columns does not);
        // a row may end early when its last schemes have no name.
        bool named = header is not null && rows.Count > 0 && rows.All(r => r.Count <= header.Count)
                     && !header.Contains("alias names", StringComparer.OrdinalIgnoreCase);
        return new ChromAliasTable(named ? header : null, rows);
    }
}
