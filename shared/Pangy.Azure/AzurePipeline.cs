using Pangy.Azure.Blobs;
using Pangy.Azure.Queues;
using Pangy.Azure.Status;
using Pangy.Azure.Storage;
using Pangy.Core.Pipeline;
using Pangy.Core.Storage;

namespace Pangy.Azure;

/// <summary>
/// The pipeline's parts on an Azure Storage account: uploads from the <c>uploads</c> container, the four queues (base64),
/// status in the <c>pangystatus</c> table, and the datastore folder (the mounted share). The Function apps and
/// <c>pangy up --storage</c> compose their handlers from this, so both read the same settings the same way.
/// </summary>
public sealed class AzurePipeline
{
    private AzurePipeline(PangyStorageClients clients, string datastore)
    {
        Clients = clients;
        Uploads = new BlobObjectStore(clients.Blobs.GetBlobContainerClient(PipelineNames.UploadsContainer));
        Queues = new StorageQueueProvider(clients.Queues);
        Status = new TableStatusStore(clients.Tables.GetTableClient(PipelineNames.StatusTable));
        Datastore = new LocalDatastore(datastore);
    }

    public PangyStorageClients Clients { get; }
    public BlobObjectStore Uploads { get; }
    public StorageQueueProvider Queues { get; }
    public TableStatusStore Status { get; }
    public LocalDatastore Datastore { get; }

    public static AzurePipeline Create(PangyStorageClients clients, string datastore) => new(clients, datastore);

    /// <summary>From app settings: <c>PangyStorage</c> (see <see cref="PangyStorageClients.FromSettings"/>) and <c>PANGY_DATASTORE</c>.</summary>
    public static AzurePipeline FromSettings(Func<string, string?> setting) =>
        new(PangyStorageClients.FromSettings(setting),
            setting(PipelineNames.DatastoreSetting) is { Length: > 0 } d ? d
                : throw new InvalidOperationException($"{PipelineNames.DatastoreSetting} (the datastore folder) is not set"));

    /// <summary>Creates the container, the queues (and poison queues) and the table if missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await Uploads.Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await Queues.CreateAllAsync(cancellationToken).ConfigureAwait(false);
        await Status.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The handlers' context over these parts.</summary>
    public PipelineContext Context(PipelineOptions? options = null, IProgress<PipelineEvent>? progress = null) =>
        new(Uploads, Queues, new StatusBook(Status), Datastore, options, progress);

    /// <summary>Posts the BlobCreated events Event Grid would, for new and changed blobs of <c>uploads</c>.</summary>
    public UploadNotifier Notifier() =>
        new(Uploads, Queues.Get(PipelineNames.UploadsQueue), Clients.AccountName, Uploads.UrlOf);
}
