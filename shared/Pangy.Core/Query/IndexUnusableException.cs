namespace Pangy.Core.Query;

/// <summary>
/// A chromosome whose index was written by an incompatible version, or is damaged (decision 4): it must be rebuilt
/// before it can be served. The message names the file and what to do.
/// </summary>
public sealed class IndexUnusableException(string message, Exception? inner = null) : QueryException(message, inner);
