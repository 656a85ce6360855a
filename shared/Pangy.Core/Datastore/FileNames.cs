using System.Globalization;
using System.Text;

namespace Pangy.Core.Datastore;

/// <summary>
/// Names from the data (samples, references) made safe as one file-name component on Linux, Windows and blob
/// storage, reversibly: <c>%</c>, path separators, control characters and the characters Windows forbids are
/// percent-encoded; <c>#</c> and <c>|</c>, common in pangenome names, are kept when the platform allows them.
/// Never a refusal (decision 1).
/// </summary>
public static class FileNames
{
    /// <summary>The escaped form of <paramref name="name"/>.</summary>
    public static string Escape(string name)
    {
        if (name.Length == 0) return "%";
        var sb = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            bool unsafeChar = c < 0x20 || c == 0x7f || c is '%' or '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>'
                              || (c == '|' && OperatingSystem.IsWindows());
            if (unsafeChar) sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        string s = sb.ToString();
        return s is "." or ".." ? s.Replace(".", "%2E", StringComparison.Ordinal) : s;
    }
}
