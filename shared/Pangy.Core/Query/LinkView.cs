namespace Pangy.Core.Query;

/// <summary>
/// A link as a response shows it: its ends (each a segment <c>s</c> or, once redirected, a bubble <c>b</c>), strands and
/// frequency. The id is the reference's <c>{type}{from}{strand}{type}{to}{strand}</c>.
/// </summary>
public readonly record struct LinkView(char FromType, int FromId, char FromStrand, char ToType, int ToId, char ToStrand, double Frequency)
{
    public string Id => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{FromType}{FromId}{FromStrand}{ToType}{ToId}{ToStrand}");

    /// <summary>Writes the id's UTF-8 bytes into <paramref name="dest"/> (at least 48 bytes); returns the length.</summary>
    public int FormatId(Span<byte> dest)
    {
        int n = 0;
        dest[n++] = (byte)FromType;
        FromId.TryFormat(dest[n..], out int k, provider: System.Globalization.CultureInfo.InvariantCulture); n += k;
        dest[n++] = (byte)FromStrand;
        dest[n++] = (byte)ToType;
        ToId.TryFormat(dest[n..], out k, provider: System.Globalization.CultureInfo.InvariantCulture); n += k;
        dest[n++] = (byte)ToStrand;
        return n;
    }

    /// <summary>Link <paramref name="link"/> of the index with both ends as segments.</summary>
    public static LinkView Of(LinkIndex links, long link, double frequency) =>
        new('s', (int)links.From(link), links.FromStrand(link), 's', (int)links.To(link), links.ToStrand(link), frequency);
}
