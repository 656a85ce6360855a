namespace Pangy.Core.Datastore;

/// <summary>
/// <c>steps.mmapindex/</c> (§4.1): the reference walk, one entry per step: 1-based inclusive bp coordinates and the
/// segment; <c>meta.json</c> holds the number of steps and the reference (<c>genome</c>) they belong to.
/// </summary>
public static class StepIndexLayout
{
    public static readonly NpyColumn<uint> Starts = new("starts");
    public static readonly NpyColumn<uint> Ends = new("ends");
    public static readonly NpyColumn<uint> Segments = new("segments");

    /// <summary><c>meta.json</c>: number of steps.</summary>
    public const string LengthKey = "length";
    /// <summary><c>meta.json</c>: the reference genome.</summary>
    public const string GenomeKey = "genome";

    public static readonly IndexLayout Index = new("steps.mmapindex", [LengthKey, GenomeKey], Starts, Ends, Segments);
}
