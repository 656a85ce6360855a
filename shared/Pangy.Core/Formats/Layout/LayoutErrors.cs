using System.Text;

namespace Pangy.Core.Formats.Layout;

/// <summary>Helpers for the short, quotable error messages of the layout readers.</summary>
internal static class LayoutErrors
{
    /// <summary>
    /// Offending field text for an error message: printable ASCII kept, anything else as <c>\xNN</c>, cut at 40
    /// characters, so that a binary or huge field cannot swamp the message.
    /// </summary>
    internal static string Quote(ReadOnlySpan<byte> text)
    {
        const int Max = 40;
        var sb = new StringBuilder(Math.Min(text.Length, Max) + 8);
        sb.Append('\'');
        foreach (byte b in text[..Math.Min(text.Length, Max)])
        {
            if (b is >= 0x20 and < 0x7F) sb.Append((char)b);
            else sb.Append("\\x").Append(b.ToString("x2"));
        }
        if (text.Length > Max) sb.Append('…');
        sb.Append('\'');
        return sb.ToString();
    }
}
