namespace Pangy.Core.Formats.PathIndex;

/// <summary>
/// One subpath of a sample as <c>paths/index.json</c> lists it (§5.3). <see cref="Start"/> is a number for P lines
/// and the W line's start column as text for W lines (the reference keeps it as a string).
/// </summary>
public sealed record PathIndexEntry(string File, string FullId, string Contig, PathStart Start, long? Length, bool IsRef)
{
    /// <summary>
    /// True when <paramref name="file"/> names a file directly inside <c>paths/</c>: no separator, not <c>.</c> or
    /// <c>..</c>, not rooted. The datastore is trusted, but a damaged or hostile index must not reach other files.
    /// </summary>
    public static bool IsSafeFileName(string file) =>
        !string.IsNullOrEmpty(file) && file is not ("." or "..") && file.IndexOfAny(['/', '\\', '\0']) < 0 && !System.IO.Path.IsPathRooted(file);
}

/// <summary>A path's start: a number, or a W line's start column kept as text.</summary>
public readonly record struct PathStart(long Number, string? Text)
{
    public static PathStart Of(long n) => new(n, null);
    public static PathStart OfText(string s) => new(long.TryParse(s, out var n) ? n : 0, s);
    /// <summary>The start as a number (a W line's text parsed), for coordinates.</summary>
    public long Value => Number;
    public bool IsText => Text is not null;
}
