using System.Globalization;

namespace Pangy.Core.Formats.ChromSizes;

/// <summary>
/// Reads UCSC <c>chrom.sizes</c>: one <c>name length</c> per line, separated by a tab or spaces (UCSC writes tabs,
/// GenomeKit's fixtures spaces), blank lines and <c>#</c> comments ignored, with or without a final newline.
/// </summary>
public static class ChromSizesReader
{
    /// <exception cref="BadInputException">A line without two fields, a length that is not a non-negative integer, a name listed twice.</exception>
    public static IReadOnlyList<ChromSize> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <inheritdoc cref="Read(string)"/>
    public static IReadOnlyList<ChromSize> Read(Stream stream, string fileName)
    {
        var sizes = new List<ChromSize>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new StreamReader(stream, leaveOpen: true);
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#')) continue;
            if (fields.Length < 2) throw new BadInputException(fileName, number, $"expected 'name length', found '{line.Trim()}'");
            if (!long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long length))
                throw new BadInputException(fileName, number, $"length of '{fields[0]}' is not a non-negative integer: '{fields[1]}'");
            if (!seen.Add(fields[0])) throw new BadInputException(fileName, number, $"'{fields[0]}' is listed twice");
            sizes.Add(new ChromSize(fields[0], length));
        }
        return sizes;
    }
}
