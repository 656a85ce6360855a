using System.Buffers;
using Pangy.Core.Query;

namespace Pangy.Functions.Query.Http;

/// <summary>
/// Sends a JSON answer already encoded as a zlib stream (<see cref="ZlibAnswer"/>) with <c>Content-Encoding: deflate</c>:
/// its parts are copied into the response pipe and flushed once, so the whole answer leaves in as few socket writes as
/// the transport allows.
/// </summary>
public sealed class ZlibQueryResult(ZlibAnswer answer) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            response.Headers.ContentEncoding = "deflate";
            response.Headers.Vary = "Accept-Encoding";
            response.ContentLength = answer.Length;
            var writer = response.BodyWriter;
            foreach (var part in answer.Parts) writer.Write(part);
            await writer.FlushAsync(httpContext.RequestAborted);
        }
        finally
        {
            answer.Dispose();
        }
    }
}
