using System.Text;

namespace Pangy.Core.Formats.ChromAlias;

/// <summary>Writes <c>chromAlias.txt</c>: the <c># scheme…</c> header when the schemes are named, then the rows, tab-separated.</summary>
public static class ChromAliasWriter
{
    public static void Write(Stream stream, ChromAliasTable table)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        if (table.Schemes is { } schemes) w.WriteLine("# " + string.Join('\t', schemes));
        foreach (var row in table.Rows) w.WriteLine(string.Join('\t', row));
    }
}
