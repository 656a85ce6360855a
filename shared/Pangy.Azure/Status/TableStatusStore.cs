using Pangy.Azure.Storage;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Pangy.Core.Pipeline;

namespace Pangy.Azure.Status;

/// <summary>
/// An <see cref="IStatusStore"/> over an Azure Table (<c>pangystatus</c>): one entity per document (partition key the
/// escaped document key, row key <c>status</c>), its JSON split over <c>json0</c>, <c>json1</c>, … properties of at
/// most 30,000 characters (a string property holds 64 KiB of UTF-16; an entity 1 MiB). Writes are conditional on the
/// entity's ETag (insert when none was read), which is what makes claims exclusive.
/// </summary>
public sealed class TableStatusStore(TableClient table) : IStatusStore
{
    private const string RowKey = "status";
    private const int ChunkChars = 30_000;

    public TableClient Table { get; } = table;

    /// <summary>The pipeline's status table of the <c>PangyStorage</c> connection, or null when the settings name none.</summary>
    public static TableStatusStore? FromSettings(Func<string, string?> setting) =>
        PangyStorageClients.IsConfigured(setting)
            ? new TableStatusStore(PangyStorageClients.FromSettings(setting).Tables.GetTableClient(PipelineNames.StatusTable))
            : null;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => Table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<StatusDocument?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionKeyOf(key), RowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!response.HasValue) return null;
        var entity = response.Value!;
        var json = new StringBuilder();
        for (int i = 0; entity.GetString($"json{i}") is { } part; i++) json.Append(part);
        return new StatusDocument(key, json.ToString(), entity.ETag.ToString());
    }

    public async Task<string?> TryWriteAsync(string key, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(PartitionKeyOf(key), RowKey);
        for (int i = 0, at = 0; at < json.Length || i == 0; i++, at += ChunkChars)
            entity[$"json{i}"] = json.Substring(at, Math.Min(ChunkChars, json.Length - at));
        try
        {
            var response = ifMatch is null
                ? await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await Table.UpdateEntityAsync(entity, new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("the table service returned no ETag");
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            // 409: inserted by someone else; 412: changed since read; 404: deleted since read.
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.RowKey == RowKey, select: ["PartitionKey"], cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
            keys.Add(Uri.UnescapeDataString(e.PartitionKey));
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    // Table keys may not hold / \ # ? or control characters; dataset names may hold '#'.
    private static string PartitionKeyOf(string key) => Uri.EscapeDataString(key);
}
