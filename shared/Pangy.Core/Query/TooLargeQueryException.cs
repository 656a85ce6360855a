namespace Pangy.Core.Query;

/// <summary>A request over one of <see cref="QueryLimits"/>; <see cref="Details"/> are added to the error body.</summary>
public sealed class TooLargeQueryException(string message, IReadOnlyList<KeyValuePair<string, long>>? details = null) : QueryException(message)
{
    /// <summary>Numbers that say how far over the limit the request is (e.g. <c>seg_count</c>, <c>limit</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Details { get; } = details ?? [];
}
