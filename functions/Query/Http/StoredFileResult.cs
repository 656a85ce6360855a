namespace Pangy.Functions.Query.Http;

/// <summary>
/// Streams a stored file as is. Gzip files the reference serves gzip-encoded (skeleton, spine, polychain data, paths)
/// go out with <c>Content-Encoding: gzip</c>, never re-compressed or decompressed (§12.20); the browser un-gzips them.
/// </summary>
public sealed class StoredFileResult(string path, string contentType, bool gzipEncoded, string? downloadName = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        await using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        if (gzipEncoded) response.Headers.ContentEncoding = "gzip";
        if (downloadName is not null) response.Headers.ContentDisposition = $"attachment; filename={downloadName}";
        response.ContentLength = fs.Length;
        await fs.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}

/// <summary>Bytes made for this request (a region path, an export), with optional gzip encoding and attachment name.</summary>
public sealed class BytesResult(byte[] bytes, string contentType, bool gzipEncoded = false, string? downloadName = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        if (gzipEncoded) response.Headers.ContentEncoding = "gzip";
        if (downloadName is not null) response.Headers.ContentDisposition = $"attachment; filename={downloadName}";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
