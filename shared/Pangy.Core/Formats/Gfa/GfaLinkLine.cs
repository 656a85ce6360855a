namespace Pangy.Core.Formats.Gfa;

/// <summary>
/// A view of an L line, <c>L&lt;TAB&gt;from&lt;TAB&gt;+|-&lt;TAB&gt;to&lt;TAB&gt;+|-[&lt;TAB&gt;overlap…]</c>: columns and
/// orientations are checked once, when the view is made. Valid until the reader moves on.
/// </summary>
public readonly ref struct GfaLinkLine
{
    private GfaLinkLine(ReadOnlySpan<byte> from, bool fromReverse, ReadOnlySpan<byte> to, bool toReverse, long line)
    {
        From = from;
        FromReverse = fromReverse;
        To = to;
        ToReverse = toReverse;
        LineNumber = line;
    }

    /// <summary>The name of the segment the link leaves.</summary>
    public ReadOnlySpan<byte> From { get; }

    /// <summary>True when it leaves <see cref="From"/> in reverse (<c>-</c>).</summary>
    public bool FromReverse { get; }

    /// <summary>The name of the segment the link enters.</summary>
    public ReadOnlySpan<byte> To { get; }

    /// <summary>True when it enters <see cref="To"/> in reverse (<c>-</c>).</summary>
    public bool ToReverse { get; }

    /// <summary>1-based line number in the file.</summary>
    public long LineNumber { get; }

    /// <summary>Finds the columns of <paramref name="line"/> (without its line end).</summary>
    /// <exception cref="BadInputException">Fewer than five columns, or an orientation that is not <c>+</c> or <c>-</c>.</exception>
    public static GfaLinkLine Parse(ReadOnlySpan<byte> line, string file, long lineNumber)
    {
        Span<Range> f = stackalloc Range[6];
        int count = SplitTabs(line, f);
        if (count < 5) BadInputException.Throw(file, lineNumber, "L line has fewer than 5 columns (expected 'L<TAB>from<TAB>+|-<TAB>to<TAB>+|-')");
        var fs = line[f[2]];
        var ts = line[f[4]];
        if (fs.Length != 1 || fs[0] is not ((byte)'+' or (byte)'-') || ts.Length != 1 || ts[0] is not ((byte)'+' or (byte)'-'))
            BadInputException.Throw(file, lineNumber, "L line orientation must be '+' or '-'");
        return new GfaLinkLine(line[f[1]], fs[0] == (byte)'-', line[f[3]], ts[0] == (byte)'-', lineNumber);
    }

    // The first fields.Length tab-separated columns; the last one found runs to the end of the line only if it is the last column.
    private static int SplitTabs(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        int n = 0, start = 0;
        while (n < fields.Length)
        {
            int t = line[start..].IndexOf((byte)'\t');
            if (t < 0) { fields[n++] = start..line.Length; break; }
            fields[n++] = start..(start + t);
            start += t + 1;
        }
        return n;
    }
}
