namespace Pangy.Core.Query;

/// <summary>
/// A query the read model refuses. Each kind maps to one answer of the HTTP layer (which the core knows nothing of):
/// <see cref="BadQueryException"/> a malformed request, <see cref="NotFoundQueryException"/> something the datastore
/// does not hold, <see cref="TooLargeQueryException"/> a request over a limit, <see cref="IndexUnusableException"/> a
/// chromosome whose files cannot be served as they are.
/// </summary>
public abstract class QueryException(string message, Exception? inner = null) : Exception(message, inner);
