namespace Pangy.Core.Query;

/// <summary>A dataset, chromosome, reference, sample, path, bubble or chain the datastore does not hold.</summary>
public sealed class NotFoundQueryException(string message) : QueryException(message);
