using Pangy.Core.Query;

namespace Pangy.Http.Responses;

/// <summary>Runs a query on a leased chromosome and keeps the lease until the answer is written.</summary>
public static class Leased
{
    public static IResult Json(QueryServer server, string? db, string? chromosome, Func<ChromosomeReader, IJsonResult> query)
    {
        var lease = server.Datastore.Open(db, chromosome);
        try
        {
            return new JsonQueryResult(query(lease.Reader), lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    public static T Use<T>(QueryServer server, string? db, string? chromosome, Func<ChromosomeReader, T> query)
    {
        using var lease = server.Datastore.Open(db, chromosome);
        return query(lease.Reader);
    }
}
