using System.Buffers;
using Pangy.Core.Formats.Compression;
using Pangy.Core.Query;

namespace Pangy.Http.Responses;

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
            // One span for the whole answer where the pipe can give it (a request above its block size gets one buffer):
            // the response writer takes a lock per GetMemory/Advance, so one pair instead of one per part and block.
            int length = (int)answer.Length;
            var memory = writer.GetMemory(length);
            if (memory.Length >= length)
            {
                var span = memory.Span;
                int at = 0;
                foreach (var part in answer.Parts)
                {
                    part.AsSpan().CopyTo(span[at..]);
                    at += part.Count;
                }
                writer.Advance(at);
            }
            else
                foreach (var part in answer.Parts) writer.Write(part);
            await writer.FlushAsync(httpContext.RequestAborted);
        }
        finally
        {
            answer.Dispose();
        }
    }
}
