namespace Pangy.Core.Pipeline;

/// <summary>
/// A lease on a unit of work, taken with a conditional status write: which worker holds it, for which inputs, and
/// until when (after that, a crashed worker's claim no longer stops another).
/// </summary>
public sealed record WorkClaim(string Owner, string Key, DateTimeOffset Until)
{
    public bool HeldBy(string owner, string key, DateTimeOffset now) => Owner == owner && Key == key && Until > now;

    public bool Live(DateTimeOffset now) => Until > now;
}
