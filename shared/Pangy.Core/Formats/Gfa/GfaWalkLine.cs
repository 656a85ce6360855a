using System.Globalization;

namespace Pangy.Core.Formats.Gfa;

/// <summary>
/// A view of a W line's header, <c>W&lt;TAB&gt;sample&lt;TAB&gt;hap&lt;TAB&gt;seqid&lt;TAB&gt;start&lt;TAB&gt;end&lt;TAB&gt;walk</c>;
/// the walk is streamed by <see cref="GfaReader.ReadSteps"/>. Start and end are parsed when asked for.
/// Valid until the reader moves on.
/// </summary>
public readonly ref struct GfaWalkLine
{
    private readonly string[] _fields;
    private readonly string _file;

    internal GfaWalkLine(string[] fields, string file, long line)
    {
        _fields = fields;
        _file = file;
        LineNumber = line;
    }

    public string Sample => _fields[0];
    public string HaplotypeIndex => _fields[1];
    public string SequenceId => _fields[2];

    /// <summary>Column 5 as written (the reference keeps it as text in <c>index.json</c>).</summary>
    public string StartText => _fields[3];

    /// <summary>Column 6 as written: a number or <c>*</c>.</summary>
    public string EndText => _fields[4];

    /// <summary>1-based line number in the file.</summary>
    public long LineNumber { get; }

    /// <exception cref="BadInputException">Column 5 is not a non-negative integer.</exception>
    public long Start => long.TryParse(StartText, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v
        : throw new BadInputException(_file, LineNumber, $"W line start '{StartText}' is not a number");

    /// <summary>The end, or null for <c>*</c>.</summary>
    /// <exception cref="BadInputException">Column 6 is neither <c>*</c> nor a non-negative integer.</exception>
    public long? End => EndText == "*" ? null
        : long.TryParse(EndText, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v
        : throw new BadInputException(_file, LineNumber, $"W line end '{EndText}' is not a number");

    /// <summary>What the columns say about the path (§1.3), once start and end are checked.</summary>
    /// <exception cref="BadInputException">Start or end is not a number.</exception>
    public GfaPathName ToPathName(char? separator)
    {
        _ = Start;
        _ = End;
        return GfaPathName.FromWLine(Sample, HaplotypeIndex, SequenceId, StartText, separator);
    }
}
