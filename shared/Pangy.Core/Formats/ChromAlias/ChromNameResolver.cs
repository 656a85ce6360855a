using Pangy.Core.Formats.ChromSizes;

namespace Pangy.Core.Formats.ChromAlias;

/// <summary>
/// Maps any name of a sequence (<c>chr1</c>, <c>1</c>, <c>CM000663.2</c>, <c>NC_000001.11</c>) to its canonical name,
/// the first column of <c>chromAlias.txt</c> and the name in the 2bit. Canonical names resolve to themselves and win
/// over an alias spelled the same; an alias two sequences share resolves to neither (it is ambiguous). Exact,
/// case-sensitive matches only, as UCSC and GenomeKit match.
/// </summary>
public sealed class ChromNameResolver
{
    private readonly Dictionary<string, string?> _map = new(StringComparer.Ordinal);

    /// <param name="aliases">The assembly's alias table, or null when it has none.</param>
    /// <param name="canonicalNames">Names of the assembly's sequences (canonical), or null.</param>
    public ChromNameResolver(ChromAliasTable? aliases, IEnumerable<string>? canonicalNames = null)
    {
        var canonical = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in aliases?.Rows ?? []) canonical.Add(row[0]);
        foreach (var name in canonicalNames ?? []) canonical.Add(name);
        foreach (var name in canonical) _map[name] = name;
        foreach (var row in aliases?.Rows ?? [])
            for (int i = 1; i < row.Count; i++)
            {
                string alias = row[i];
                if (alias.Length == 0 || canonical.Contains(alias)) continue;
                // null marks an alias of two different sequences.
                _map[alias] = _map.TryGetValue(alias, out var other) && other != row[0] ? null : row[0];
            }
    }

    /// <summary>A resolver over the sequences of a <c>chrom.sizes</c> only (no aliases).</summary>
    public static ChromNameResolver FromSizes(IEnumerable<ChromSize> sizes) => new(null, sizes.Select(s => s.Name));

    /// <summary>The canonical name of <paramref name="name"/>, or null when no sequence (or more than one) has that name.</summary>
    public string? Resolve(string name) => _map.TryGetValue(name, out var c) ? c : null;

    /// <summary>True when <paramref name="name"/> is an alias of more than one sequence.</summary>
    public bool IsAmbiguous(string name) => _map.TryGetValue(name, out var c) && c is null;
}
