using Pangy.Core.Assets;

namespace Pangy.Azure.Assets;

/// <summary>
/// Turns an <c>--assets LOCATION</c> (or <c>PANGY_ASSETS</c>) into a bucket, in one place for the CLI and the Function apps:
/// <list type="bullet">
/// <item>a connection string (it has <c>AccountName=</c>, <c>BlobEndpoint=</c> or <c>UseDevelopmentStorage=</c>), with
/// the container as an extra <c>Container=NAME</c> field or <paramref name="defaultContainer"/>;</item>
/// <item><c>https://ACCOUNT.blob.core.windows.net/CONTAINER</c>, or any URL prefixed <c>azure:</c>: an Azure container
/// reached with a managed identity (or the developer's login);</item>
/// <item>any other <c>http(s)://</c> URL: a read-only HTTPS bucket;</item>
/// <item>anything else: a folder.</item>
/// </list>
/// </summary>
public static class AssetBuckets
{
    /// <summary>The container of the pipeline contract.</summary>
    public const string DefaultContainer = "assets";

    public static IAssetBucket Open(string location, string? defaultContainer = null, string? managedIdentityClientId = null, HttpClient? http = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        string container = string.IsNullOrEmpty(defaultContainer) ? DefaultContainer : defaultContainer;
        if (IsConnectionString(location))
        {
            var fields = location.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
            var named = fields.FirstOrDefault(f => f.StartsWith("Container=", StringComparison.OrdinalIgnoreCase));
            if (named is not null)
            {
                container = named["Container=".Length..];
                fields.Remove(named);
            }
            return AzureBlobAssetBucket.FromConnectionString(string.Join(';', fields), container);
        }
        if (location.StartsWith("azure:", StringComparison.OrdinalIgnoreCase))
            return AzureBlobAssetBucket.FromUri(new Uri(location["azure:".Length..]), managedIdentityClientId);
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            return uri.Host.EndsWith(".blob.core.windows.net", StringComparison.OrdinalIgnoreCase)
                ? AzureBlobAssetBucket.FromUri(uri, managedIdentityClientId)
                : new HttpAssetBucket(uri, http);
        return new LocalFolderBucket(location);
    }

    /// <summary>
    /// A data manager over <paramref name="location"/>: with <paramref name="cacheDirectory"/> as its cache, or when none is
    /// given, a folder bucket is its own cache (its files are used in place) and any other bucket is cached in
    /// <see cref="AssetManager.DefaultCacheDirectory"/>.
    /// </summary>
    public static AssetManager OpenManager(string location, string? cacheDirectory = null, string? defaultContainer = null,
        string? managedIdentityClientId = null, HttpClient? http = null)
    {
        var bucket = Open(location, defaultContainer, managedIdentityClientId, http);
        string? cache = !string.IsNullOrEmpty(cacheDirectory) ? cacheDirectory : bucket is LocalFolderBucket local ? local.Folder : null;
        return new AssetManager(bucket, cache);
    }

    /// <summary>
    /// The bucket location from app settings (the pipeline contract): <c>PANGY_ASSETS</c> when set; else container
    /// <c>PANGY_ASSETS_CONTAINER</c> (default <c>assets</c>) of the <c>PangyStorage</c> connection, as a connection string
    /// or as <c>PangyStorage__blobServiceUri</c> with a managed identity; else null (no bucket configured).
    /// </summary>
    public static string? LocationFromSettings(Func<string, string?> setting)
    {
        if (setting("PANGY_ASSETS") is { Length: > 0 } explicitLocation) return explicitLocation;
        string container = setting("PANGY_ASSETS_CONTAINER") is { Length: > 0 } c ? c : DefaultContainer;
        if (setting("PangyStorage") is { Length: > 0 } connection) return connection.TrimEnd(';') + ";Container=" + container;
        if (setting("PangyStorage__blobServiceUri") is { Length: > 0 } service) return "azure:" + service.TrimEnd('/') + "/" + container;
        return null;
    }

    private static bool IsConnectionString(string s) =>
        s.Contains("AccountName=", StringComparison.OrdinalIgnoreCase) || s.Contains("BlobEndpoint=", StringComparison.OrdinalIgnoreCase)
        || s.Contains("UseDevelopmentStorage=", StringComparison.OrdinalIgnoreCase);
}
