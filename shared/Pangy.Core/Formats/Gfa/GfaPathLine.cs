namespace Pangy.Core.Formats.Gfa;

/// <summary>
/// A view of a P line's header, <c>P&lt;TAB&gt;name&lt;TAB&gt;steps…</c>; its steps are streamed by
/// <see cref="GfaReader.ReadSteps"/>. Valid until the reader moves on.
/// </summary>
public readonly ref struct GfaPathLine
{
    internal GfaPathLine(string name, long line)
    {
        Name = name;
        LineNumber = line;
    }

    /// <summary>The path name (column 2, not empty).</summary>
    public string Name { get; }

    /// <summary>1-based line number in the file.</summary>
    public long LineNumber { get; }

    /// <summary>What the name says about the path (§1.3).</summary>
    public GfaPathName ToPathName(char? separator) => GfaPathName.FromPLine(Name, separator);
}
