using System.Net;
using System.Net.Http.Headers;

namespace Pangy.Core.Assets;

/// <summary>
/// A read-only bucket behind any web server or public blob container: <c>{base}/{name}</c> is the file, and
/// <c>{base}/manifest.json</c> is the listing (HTTP has no directory listing), so no cloud account is needed to read.
/// 404 is "not in the bucket"; connection failures, time-outs and other statuses are "could not reach the bucket".
/// </summary>
public sealed class HttpAssetBucket : IAssetBucket
{
    private readonly HttpClient _http;
    private readonly Uri _base;

    /// <param name="baseUri">The folder URL; a missing final <c>/</c> is added.</param>
    /// <param name="http">The client to use (one per process is best); a new one when null.</param>
    public HttpAssetBucket(Uri baseUri, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"'{baseUri}' is not an http(s) URL", nameof(baseUri));
        _base = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        _http = http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Location => _base.AbsoluteUri;

    public bool CanWrite => false;

    private Uri Url(string name) => new(_base, Uri.EscapeDataString(name));

    public async Task<AssetObject?> StatAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(name, HttpMethod.Head, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return new AssetObject(name, response.Content.Headers.ContentLength ?? -1, response.Headers.ETag?.Tag ?? "");
    }

    public async Task<IReadOnlyList<AssetObject>> ListAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        try
        {
            await DownloadAsync(AssetManifest.FileName, buffer, cancellationToken);
        }
        catch (AssetNotFoundException)
        {
            return [];
        }
        var manifest = AssetManifest.Parse(buffer.ToArray(), Url(AssetManifest.FileName).AbsoluteUri);
        return [.. manifest.Files.Select(f => new AssetObject(f.Key, f.Value.Size, ""))];
    }

    public async Task DownloadAsync(string name, Stream destination, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(name, HttpMethod.Get, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) throw new AssetNotFoundException(name, Location);
        long copied = 0;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[1 << 16];
            int n;
            while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                copied += n;
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException && e is not AssetException && !cancellationToken.IsCancellationRequested)
        {
            throw new AssetUnreachableException(name, Location, $"the connection broke after {copied} bytes: {e.Message}", e);
        }
        if (response.Content.Headers.ContentLength is { } expected && expected != copied)
            throw new AssetUnreachableException(name, Location, $"the server sent {copied} of {expected} bytes");
    }

    public Task<bool> TryPutAsync(string name, Stream content, string? ifMatch, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"the HTTPS asset bucket {Location} is read-only");

    private async Task<HttpResponseMessage> SendAsync(string name, HttpMethod method, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            var request = new HttpRequestMessage(method, Url(name));
            request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AssetUnreachableException(name, Location, e.Message, e);
        }
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound) return response;
        response.Dispose();
        throw new AssetUnreachableException(name, Location, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
    }
}
