namespace Pangy.Http.Responses;

/// <summary>
/// Streams a stored file as is. Gzip files the reference serves gzip-encoded (skeleton, spine, polychain data, paths)
/// go out with <c>Content-Encoding: gzip</c>, never re-compressed or decompressed (§12.20); the browser un-gzips them.
/// </summary>
public sealed class StoredFileResult(string path, string contentType, bool gzipEncoded, string? downloadName = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        FileStream fs;
        try
        {
            fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Replaced or removed since the handler found it: nothing was sent yet, so the answer is a clean error.
            await ErrorResponses.WriteAsync(httpContext, e);
            return;
        }
        await using (fs)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            if (gzipEncoded) response.Headers.ContentEncoding = "gzip";
            if (downloadName is not null) response.Headers.ContentDisposition = $"attachment; filename={downloadName}";
            response.ContentLength = fs.Length;
            await fs.CopyToAsync(response.Body, httpContext.RequestAborted);
        }
    }
}
