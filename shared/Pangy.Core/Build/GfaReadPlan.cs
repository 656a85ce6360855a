namespace Pangy.Core.Build;

/// <summary>
/// How the chromosome build reads its GFA. The first attempt assumes the usual file (integer segment names, S and L
/// lines before the paths) and reads it once; when that pass sees otherwise it stops and says which plan the file
/// needs, and the build starts again from an empty directory with it. Plans only grow, so at most three attempts.
/// </summary>
/// <param name="Renumber">Segment names are not all integers: ids are assigned in S-line order (decision 5).</param>
/// <param name="TwoPasses">Topology is not all before the paths: read S and L lines first, then the paths.</param>
internal readonly record struct GfaReadPlan(bool Renumber, bool TwoPasses)
{
    /// <summary>One pass, integer names: what nearly every GFA needs.</summary>
    public static GfaReadPlan OnePass => default;
}
