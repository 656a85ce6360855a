namespace Pangy.Core.Datastore;

/// <summary>
/// The id of a link in <c>links.db</c> (reference §3.2): <c>{from}{strand}{to}{strand}</c>, e.g. <c>7+12-</c>. It is
/// the table's key and what <c>bubbles.db</c>'s <c>link_data</c> lists, so the build, the bubble stage and their error
/// messages must spell it the same way.
/// </summary>
public static class LinkIdText
{
    /// <summary>The longest id: two 32-bit ids with their signs and two strands.</summary>
    public const int MaxBytes = 24;

    /// <summary>Writes the id's UTF-8 bytes into <paramref name="dest"/> (at least <see cref="MaxBytes"/>); returns the length.</summary>
    public static int Format(Span<byte> dest, int from, bool fromReverse, int to, bool toReverse)
    {
        from.TryFormat(dest, out int n, provider: System.Globalization.CultureInfo.InvariantCulture);
        dest[n++] = fromReverse ? (byte)'-' : (byte)'+';
        to.TryFormat(dest[n..], out int w, provider: System.Globalization.CultureInfo.InvariantCulture);
        n += w;
        dest[n++] = toReverse ? (byte)'-' : (byte)'+';
        return n;
    }

    /// <summary>The id as a string, for messages.</summary>
    public static string Of(int from, bool fromReverse, int to, bool toReverse)
    {
        Span<byte> id = stackalloc byte[MaxBytes];
        return System.Text.Encoding.ASCII.GetString(id[..Format(id, from, fromReverse, to, toReverse)]);
    }
}
