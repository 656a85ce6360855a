using System.Buffers.Text;
using System.Text;

namespace Pangy.Core.Formats.Gfa;

/// <summary>
/// A view of an S line, <c>S&lt;TAB&gt;name&lt;TAB&gt;sequence[&lt;TAB&gt;tags]</c>: its fields are found once, when the
/// view is made; tags are parsed only when asked for. Valid until the reader moves on.
/// </summary>
public readonly ref struct GfaSegmentLine
{
    private readonly string _file;
    private readonly long _line;

    private GfaSegmentLine(ReadOnlySpan<byte> name, ReadOnlySpan<byte> sequence, ReadOnlySpan<byte> tags, string file, long line)
    {
        Name = name;
        Sequence = sequence;
        Tags = tags;
        _file = file;
        _line = line;
    }

    /// <summary>The segment name as written (not empty).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The sequence as written (not empty; <c>*</c> when not stored).</summary>
    public ReadOnlySpan<byte> Sequence { get; }

    /// <summary>The optional tags after the sequence, tab-separated; empty when there are none.</summary>
    public ReadOnlySpan<byte> Tags { get; }

    /// <summary>1-based line number in the file.</summary>
    public long LineNumber => _line;

    /// <summary>GFA's "sequence not stored" (<c>*</c>).</summary>
    public bool SequenceOmitted => Sequence.Length == 1 && Sequence[0] == (byte)'*';

    /// <summary>Finds the fields of <paramref name="line"/> (without its line end).</summary>
    /// <exception cref="BadInputException">No name or no sequence.</exception>
    public static GfaSegmentLine Parse(ReadOnlySpan<byte> line, string file, long lineNumber)
    {
        var rest = line.Length < 2 ? default : line[2..];
        int tab = rest.IndexOf((byte)'\t');
        if (line.Length < 2 || line[1] != (byte)'\t' || tab < 0)
            BadInputException.Throw(file, lineNumber, "S line has no sequence (expected 'S<TAB>name<TAB>sequence')");
        var name = rest[..tab];
        rest = rest[(tab + 1)..];
        int end = rest.IndexOf((byte)'\t');
        var seq = end < 0 ? rest : rest[..end];
        var tags = end < 0 ? ReadOnlySpan<byte>.Empty : rest[(end + 1)..];
        if (name.IsEmpty) BadInputException.Throw(file, lineNumber, "S line has an empty segment name");
        if (seq.IsEmpty) BadInputException.Throw(file, lineNumber, $"S line for segment '{Text(name)}' has no sequence");
        return new GfaSegmentLine(name, seq, tags, file, lineNumber);
    }

    /// <summary>The <c>LN:i:</c> tag, when present and a non-negative integer.</summary>
    public bool TryGetLengthTag(out int length)
    {
        length = 0;
        var tags = Tags;
        while (!tags.IsEmpty)
        {
            int t = tags.IndexOf((byte)'\t');
            var tag = t < 0 ? tags : tags[..t];
            if (tag.StartsWith("LN:i:"u8) && Utf8Parser.TryParse(tag[5..], out length, out int used) && used == tag.Length - 5 && length >= 0)
                return true;
            tags = t < 0 ? default : tags[(t + 1)..];
        }
        return false;
    }

    /// <summary>An error about this line.</summary>
    public BadInputException Error(string reason) => new(_file, _line, reason);

    /// <summary>The name for messages (at most 200 bytes of it).</summary>
    public string NameText => Text(Name);

    internal static string Text(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s.Length > 200 ? s[..200] : s);
}
