using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pangy.Http;

/// <summary>
/// Serves the web console (docs/console.md): <c>/</c> answers its <c>index.html</c> and <c>/console/{file}</c> its assets,
/// all embedded in this assembly. A file is found only by its exact name in the embedded set, so no request path ever
/// reaches the file system; an unknown name answers 404. Each file carries a strong ETag (its SHA-256) and
/// <c>Cache-Control: no-cache</c>, so browsers revalidate and get 304 until the server is upgraded.
/// </summary>
public static class ConsoleFiles
{
    /// <summary>The console's page.</summary>
    public const string IndexFile = "index.html";

    private const string ResourcePrefix = "console/";

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(Load);

    /// <summary>The names of the embedded files.</summary>
    public static IReadOnlyCollection<string> Names => Assets.Value.Keys;

    /// <summary>Maps <c>/</c> and <c>/console/{file}</c> (relative to <paramref name="routes"/>, so a route group's prefix applies).</summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext context) => ServeAsync(context, IndexFile)).WithName("console").ExcludeFromDescription();
        routes.MapGet("/console/{file}", (HttpContext context, string file) => ServeAsync(context, file)).ExcludeFromDescription();
        return routes;
    }

    /// <summary>
    /// Writes the embedded file <paramref name="file"/> (or a JSON 404) to the response. Hosts that route themselves (the
    /// Function app's HTTP functions) call this directly.
    /// </summary>
    public static Task ServeAsync(HttpContext context, string? file)
    {
        var response = context.Response;
        if (file is null || !Assets.Value.TryGetValue(file, out var asset))
        {
            return Responses.ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, w => w.WriteString("error", $"no console file '{file}'"));
        }
        // The page's links are relative (console/app.js, datasets...), so under a route prefix it must end in '/'.
        if (file == IndexFile && context.Request.Path.HasValue && !context.Request.Path.Value!.EndsWith('/') && !context.Request.Path.Value.EndsWith(IndexFile, StringComparison.Ordinal))
        {
            response.Redirect(context.Request.PathBase + context.Request.Path + "/" + context.Request.QueryString);
            return Task.CompletedTask;
        }
        var headers = response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (file == IndexFile)
        {
            // Everything the page loads comes from this server; no inline script.
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; frame-ancestors 'none'";
        }
        if (IfNoneMatch(context.Request, asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(asset.Bytes, context.RequestAborted).AsTask();
    }

    private static bool IfNoneMatch(HttpRequest request, string etag)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            if (value is null) continue;
            foreach (var tag in value.Split(',', StringSplitOptions.TrimEntries))
                if (tag == "*" || tag == etag || tag == "W/" + etag) return true;
        }
        return false;
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleFiles).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            string name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] bytes = buffer.ToArray();
            string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 16) + "\"";
            files.Add(name, new Asset(bytes, ContentTypeOf(name), etag));
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json; charset=utf-8",
        ".txt" or ".md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
