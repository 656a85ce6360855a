namespace Pangy.Core.Sqlite;

/// <summary>A bulk insert rejected by SQLite (for example a duplicate primary key).</summary>
public sealed class SqliteBulkException(string message, int resultCode) : IOException(message)
{
    public int ResultCode { get; } = resultCode;
}
