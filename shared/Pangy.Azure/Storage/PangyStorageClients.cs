using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Pangy.Core.Pipeline;

namespace Pangy.Azure.Storage;

/// <summary>
/// The clients of the <c>PangyStorage</c> connection, made the way the Functions host makes its own from the same
/// settings: a plain connection string (<c>PangyStorage</c>: Azurite, a key), or service URIs with an Azure identity
/// (<c>PangyStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>,
/// <c>__credential=managedidentity</c>, <c>__clientId</c> for a user-assigned identity).
/// </summary>
public sealed class PangyStorageClients
{
    private PangyStorageClients(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
    {
        Blobs = blobs;
        Queues = queues;
        Tables = tables;
    }

    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }

    /// <summary>Base64 queue messages: what Event Grid writes and what host.json's <c>messageEncoding</c> says.</summary>
    public static QueueClientOptions QueueOptions => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public static PangyStorageClients FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return new PangyStorageClients(new BlobServiceClient(connectionString), new QueueServiceClient(connectionString, QueueOptions),
            new TableServiceClient(connectionString));
    }

    public static PangyStorageClients FromServiceUris(Uri blobServiceUri, Uri queueServiceUri, Uri tableServiceUri, TokenCredential credential) =>
        new(new BlobServiceClient(blobServiceUri, credential), new QueueServiceClient(queueServiceUri, credential, QueueOptions),
            new TableServiceClient(tableServiceUri, credential));

    /// <summary>
    /// From app settings (<paramref name="setting"/> looks one up by name; <c>__</c> or <c>:</c> separators both work):
    /// the connection string if set, else the service URIs with a managed identity (or the default credential chain
    /// when <c>__credential</c> is not <c>managedidentity</c>, as on a developer's machine).
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither form is configured.</exception>
    public static PangyStorageClients FromSettings(Func<string, string?> setting)
    {
        string name = PipelineNames.Connection;
        string? Get(string suffix) => setting($"{name}__{suffix}") ?? setting($"{name}:{suffix}");
        if (setting(name) is { Length: > 0 } cs) return FromConnectionString(cs);
        string? blob = Get("blobServiceUri"), queue = Get("queueServiceUri"), table = Get("tableServiceUri");
        if (blob is null || queue is null || table is null)
            throw new InvalidOperationException(
                $"storage is not configured: set {name} (a connection string) or {name}__blobServiceUri, {name}__queueServiceUri and {name}__tableServiceUri");
        string? clientId = Get("clientId");
        TokenCredential credential = string.Equals(Get("credential"), "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        return FromServiceUris(new Uri(blob), new Uri(queue), new Uri(table), credential);
    }

    /// <summary>Whether <paramref name="setting"/> configures the connection in either form <see cref="FromSettings"/> reads.</summary>
    public static bool IsConfigured(Func<string, string?> setting)
    {
        string name = PipelineNames.Connection;
        return setting(name) is { Length: > 0 } || (setting($"{name}__tableServiceUri") ?? setting($"{name}:tableServiceUri")) is { Length: > 0 };
    }

    /// <summary>The account name (for the events the local notifier writes).</summary>
    public string AccountName => Blobs.AccountName;
}
