namespace Pangy.Http.Responses;

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
