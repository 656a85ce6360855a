using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Pangy.Core.Assets;

namespace Pangy.Azure.Assets;

/// <summary>
/// An asset bucket in an Azure Blob Storage container (<c>assets</c> by the pipeline contract), reached with a
/// connection string (Azurite, development) or the container's URL and a managed identity (Azure). Manifest updates
/// are conditional on the blob's ETag, so two uploaders cannot lose each other's entries. Network and authorization
/// failures are <see cref="AssetUnreachableException"/>; a missing blob or container is "not in the bucket".
/// </summary>
public sealed class AzureBlobAssetBucket : IAssetBucket
{
    private readonly BlobContainerClient _container;

    public AzureBlobAssetBucket(BlobContainerClient container) => _container = container ?? throw new ArgumentNullException(nameof(container));

    /// <summary>A container reached with a connection string.</summary>
    public static AzureBlobAssetBucket FromConnectionString(string connectionString, string container) =>
        new(new BlobContainerClient(connectionString, container));

    /// <summary>A container reached by URL with a managed identity (<paramref name="managedIdentityClientId"/> for a user-assigned one) or the developer's Azure login.</summary>
    public static AzureBlobAssetBucket FromUri(Uri containerUri, string? managedIdentityClientId = null) =>
        new(new BlobContainerClient(containerUri, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = managedIdentityClientId })));

    public string Location => _container.Uri.AbsoluteUri;

    public bool CanWrite => true;

    public Task<AssetObject?> StatAsync(string name, CancellationToken cancellationToken) => Call(name, async () =>
    {
        try
        {
            var p = await _container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new AssetObject(name, p.Value.ContentLength, p.Value.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (AssetObject?)null;
        }
    });

    public Task<IReadOnlyList<AssetObject>> ListAsync(CancellationToken cancellationToken) => Call("", async () =>
    {
        var list = new List<AssetObject>();
        try
        {
            // Top level only: the bucket is flat (prefixed blobs are not assets).
            await foreach (var item in _container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken))
                if (item.IsBlob)
                    list.Add(new AssetObject(item.Blob.Name, item.Blob.Properties.ContentLength ?? 0, item.Blob.Properties.ETag?.ToString() ?? ""));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: an empty bucket.
        }
        return (IReadOnlyList<AssetObject>)list;
    });

    public Task DownloadAsync(string name, Stream destination, CancellationToken cancellationToken) => Call(name, async () =>
    {
        try
        {
            await _container.GetBlobClient(name).DownloadToAsync(destination, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new AssetNotFoundException(name, Location);
        }
        return true;
    });

    public Task<bool> TryPutAsync(string name, Stream content, string? ifMatch, CancellationToken cancellationToken) => Call(name, async () =>
    {
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var conditions = ifMatch switch
        {
            null => null,
            AssetObject.Absent => new BlobRequestConditions { IfNoneMatch = ETag.All },
            _ => new BlobRequestConditions { IfMatch = new ETag(ifMatch) },
        };
        try
        {
            await _container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (conditions is not null && e.Status is 409 or 412)
        {
            return false;
        }
    });

    private async Task<T> Call<T>(string name, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (RequestFailedException e)
        {
            throw new AssetUnreachableException(name, Location, $"HTTP {e.Status} {e.ErrorCode}: {FirstLine(e.Message)}", e);
        }
        catch (AuthenticationFailedException e)
        {
            throw new AssetUnreachableException(name, Location, "authentication failed: " + FirstLine(e.Message), e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && e is not AssetException)
        {
            throw new AssetUnreachableException(name, Location, e.Message, e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is RequestFailedException or HttpRequestException))
        {
            throw new AssetUnreachableException(name, Location, FirstLine(e.InnerExceptions[0].Message), e);
        }
    }

    private static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();
}
