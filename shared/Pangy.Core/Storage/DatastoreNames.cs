using System.Text.RegularExpressions;

namespace Pangy.Core.Storage;

/// <summary>
/// Dataset and chromosome names become directory (or blob prefix) names, so they are checked before any file is
/// touched: letters, digits and <c>. _ - + #</c>, not starting with a dot, at most 128 characters.
/// </summary>
public static partial class DatastoreNames
{
    [GeneratedRegex(@"^[A-Za-z0-9_+#-][A-Za-z0-9._+#-]{0,127}$")]
    private static partial Regex Pattern();

    /// <summary>True when <paramref name="name"/> is a valid dataset or chromosome name.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="what"/> when the name is not valid.</summary>
    public static string Check(string? name, string what)
    {
        if (!IsValid(name))
            throw new ArgumentException($"{what} name '{name}' is not allowed: use letters, digits and . _ - + # (not starting with '.'), at most 128 characters");
        return name!;
    }
}
