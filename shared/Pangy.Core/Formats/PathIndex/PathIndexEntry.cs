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
