namespace Pangy.Core.Query;

/// <summary>
/// A query the read model refuses. Each kind maps to one answer of the HTTP layer (which the core knows nothing of):
/// <see cref="BadQueryException"/> a malformed request, <see cref="NotFoundQueryException"/> something the datastore
/// does not hold, <see cref="TooLargeQueryException"/> a request over a limit, <see cref="IndexUnusableException"/> a
/// chromosome whose files cannot be served as they are.
/// </summary>
public abstract class QueryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A missing, malformed or unsafe parameter (a name that could reach the file system is one).</summary>
public sealed class BadQueryException(string message) : QueryException(message);

/// <summary>A dataset, chromosome, reference, sample, path, bubble or chain the datastore does not hold.</summary>
public sealed class NotFoundQueryException(string message) : QueryException(message);

/// <summary>A request over one of <see cref="QueryLimits"/>; <see cref="Details"/> are added to the error body.</summary>
public sealed class TooLargeQueryException(string message, IReadOnlyList<KeyValuePair<string, long>>? details = null) : QueryException(message)
{
    /// <summary>Numbers that say how far over the limit the request is (e.g. <c>seg_count</c>, <c>limit</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Details { get; } = details ?? [];
}

/// <summary>
/// A chromosome whose index was written by an incompatible version, or is damaged (decision 4): it must be rebuilt
/// before it can be served. The message names the file and what to do.
/// </summary>
public sealed class IndexUnusableException(string message, Exception? inner = null) : QueryException(message, inner);
