namespace Pangy.Core.Formats.PathIndex;

/// <summary>A path's start: a number, or a W line's start column kept as text.</summary>
public readonly record struct PathStart(long Number, string? Text)
{
    public static PathStart Of(long n) => new(n, null);
    public static PathStart OfText(string s) => new(long.TryParse(s, out var n) ? n : 0, s);
    /// <summary>The start as a number (a W line's text parsed), for coordinates.</summary>
    public long Value => Number;
    public bool IsText => Text is not null;
}
