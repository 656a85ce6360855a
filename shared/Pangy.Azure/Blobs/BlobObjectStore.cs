using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Pangy.Core.Storage;

namespace Pangy.Azure.Blobs;

/// <summary>
/// An <see cref="IObjectStore"/> over a blob container (the lab's <c>uploads</c>). Reads stream in ranged requests
/// (4 MiB buffers: a multi-GB GFA is never held whole), conditional on the blob's ETag for their whole length, so a
/// newer upload during a build fails the read instead of mixing versions. ETags are given without quotes, as Event
/// Grid writes them.
/// </summary>
public sealed class BlobObjectStore(BlobContainerClient container) : IObjectStore
{
    private const int ReadBufferBytes = 4 << 20;

    public BlobContainerClient Container { get; } = container;

    public async Task<Stream> OpenReadAsync(string name, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var options = new BlobOpenReadOptions(allowModifications: false) { BufferSize = ReadBufferBytes };
        if (ifMatch is not null) options.Conditions = new BlobRequestConditions { IfMatch = Quoted(ifMatch) };
        try
        {
            return await Container.GetBlobClient(name).OpenReadAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"no blob '{name}' in container '{Container.Name}'", name, e);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ObjectChangedException(name, ifMatch!, e);
        }
    }

    public async Task<ObjectInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var p = (await Container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new ObjectInfo(name, p.ContentLength, Bare(p.ETag), p.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var b in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Length == 0 ? null : prefix, cancellationToken)
                           .ConfigureAwait(false))
        {
            var p = b.Properties;
            yield return new ObjectInfo(b.Name, p.ContentLength ?? 0, Bare(p.ETag ?? default), p.LastModified ?? DateTimeOffset.MinValue);
        }
    }

    /// <summary>The blob's URL (what Event Grid puts in <c>data.url</c>).</summary>
    public string UrlOf(string name) => Container.GetBlobClient(name).Uri.AbsoluteUri;

    private static string Bare(ETag etag) => etag.ToString().Trim('"');

    private static ETag Quoted(string etag) => new(etag.StartsWith('"') ? etag : $"\"{etag}\"");
}
