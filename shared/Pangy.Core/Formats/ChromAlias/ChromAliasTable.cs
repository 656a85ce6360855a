namespace Pangy.Core.Formats.ChromAlias;

/// <summary>
/// A parsed <c>chromAlias.txt</c>: the naming schemes from the header (one per column, the first being the canonical
/// names of the 2bit; null when the header does not name each column) and one row per sequence (canonical name first,
/// then its alias in each scheme, empty where a scheme has none).
/// </summary>
public sealed record ChromAliasTable(IReadOnlyList<string>? Schemes, IReadOnlyList<IReadOnlyList<string>> Rows);
