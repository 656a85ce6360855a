namespace Pangy.Core.Query;

/// <summary>A missing, malformed or unsafe parameter (a name that could reach the file system is one).</summary>
public sealed class BadQueryException(string message) : QueryException(message);
