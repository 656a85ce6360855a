using System.Globalization;
using System.Text;

namespace Pangy.Core.Formats.ChromSizes;

/// <summary>Writes <c>chrom.sizes</c> as UCSC does: <c>name TAB length</c>, longest first (ties by name), LF line ends.</summary>
public static class ChromSizesWriter
{
    public static void Write(Stream stream, IEnumerable<ChromSize> sizes)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        foreach (var s in sizes.OrderByDescending(s => s.Length).ThenBy(s => s.Name, StringComparer.Ordinal))
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Name}\t{s.Length}"));
    }
}
