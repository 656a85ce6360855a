namespace Pangy.Core.Assets;

/// <summary>
/// Where genome assets live: a flat set of named files (GenomeKit's bucket). Implementations: a local folder
/// (<see cref="LocalFolderBucket"/>), read-only HTTPS (<see cref="HttpAssetBucket"/>), Azure Blob Storage
/// (Pangy.Azure); a user may plug in their own. A bucket knows nothing of caching or checksums: the
/// <see cref="AssetManager"/> does that on top.
/// </summary>
/// <remarks>
/// Every member throws <see cref="AssetUnreachableException"/> when the bucket cannot be asked (network, permissions,
/// a folder that is not there), so callers can tell that apart from a file the bucket does not have.
/// </remarks>
public interface IAssetBucket
{
    /// <summary>Where the bucket is, for messages (a folder, a URL, a container).</summary>
    string Location { get; }

    /// <summary>False for read-only buckets (HTTPS).</summary>
    bool CanWrite { get; }

    /// <summary>The object's size and ETag, or null when the bucket has no object of that name.</summary>
    Task<AssetObject?> StatAsync(string name, CancellationToken cancellationToken);

    /// <summary>The bucket's top-level objects.</summary>
    Task<IReadOnlyList<AssetObject>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Copies the object into <paramref name="destination"/>.</summary>
    /// <exception cref="AssetNotFoundException">The bucket has no object of that name.</exception>
    Task DownloadAsync(string name, Stream destination, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the object when <paramref name="ifMatch"/> holds: null writes unconditionally, <see cref="AssetObject.Absent"/>
    /// only when there is no such object, any other value only when the object's ETag equals it. Returns false when the
    /// condition did not hold (nothing written).
    /// </summary>
    /// <exception cref="NotSupportedException">The bucket is read-only.</exception>
    Task<bool> TryPutAsync(string name, Stream content, string? ifMatch, CancellationToken cancellationToken);
}
