using System.Text.Json;
using Pangy.Core.Query;

namespace Pangy.Http.Responses;

/// <summary>
/// Writes a read-model answer as JSON: serialized into a pooled buffer first (so an error while writing still becomes
/// a clean error response in every host, and the response carries a Content-Length), then sent. Releases the
/// chromosome lease, if any, when done.
/// </summary>
public sealed class JsonQueryResult(IJsonResult result, ChromosomeLease? lease = null, int statusCode = StatusCodes.Status200OK) : IResult
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = new PooledBuffer();
        try
        {
            try
            {
                using var writer = new Utf8JsonWriter(buffer, WriterOptions);
                result.WriteTo(writer);
                writer.Flush();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A lazy answer can still refuse (a limit, a damaged index) while it is written: nothing was sent yet.
                await ErrorResponses.WriteAsync(httpContext, e);
                return;
            }
            finally
            {
                lease?.Dispose();
            }
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "application/json";
            response.ContentLength = buffer.Length;
            await buffer.CopyToAsync(response.BodyWriter, httpContext.RequestAborted);
        }
        finally
        {
            buffer.Dispose();
        }
    }
}
