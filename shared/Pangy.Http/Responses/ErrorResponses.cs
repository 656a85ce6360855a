using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Pangy.Core.Query;

namespace Pangy.Http.Responses;

/// <summary>
/// Every error leaves as JSON <c>{"error": "…"}</c> (plus the numbers of a 413), never an HTML page: read-model
/// refusals map to 400 / 404 / 413 / 503, a too-large body to 413, anything unexpected to 500 (logged, no details
/// sent). Empty error responses from routing (unknown path, wrong method) get the same body. <c>pangy serve</c> gets
/// this from <see cref="UseJsonErrors"/>; the Function app's worker middleware answers a handler's exception with
/// <see cref="For"/>; results that can still fail while writing call <see cref="WriteAsync(HttpContext, Exception)"/>.
/// </summary>
public static class ErrorResponses
{
    /// <summary>Catches exceptions from the rest of the pipeline and answers them as JSON.</summary>
    public static IApplicationBuilder UseJsonErrors(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
            {
                await WriteAsync(context, e);
            }
        });
        app.UseStatusCodePages(async ctx =>
        {
            var r = ctx.HttpContext.Response;
            if (r.HasStarted || r.ContentLength > 0 || r.ContentType is not null) return;
            string message = r.StatusCode switch
            {
                404 => $"no route for {ctx.HttpContext.Request.Method} {ctx.HttpContext.Request.Path}",
                405 => $"method {ctx.HttpContext.Request.Method} is not allowed on {ctx.HttpContext.Request.Path}",
                413 => "request body too large",
                _ => $"HTTP {r.StatusCode}",
            };
            await WriteAsync(ctx.HttpContext, r.StatusCode, w => w.WriteString("error", message), setStatus: false);
        });
        return app;
    }

    /// <summary>Answers <paramref name="e"/> as its JSON error (the response must not have started).</summary>
    public static Task WriteAsync(HttpContext context, Exception e)
    {
        var (status, body) = Map(e, context);
        context.Response.Clear();
        return WriteAsync(context, status, body);
    }

    /// <summary>The JSON error answer of an exception a handler threw.</summary>
    public static IResult For(Exception e) => new ExceptionResult(e);

    private static (int, Action<Utf8JsonWriter>) Map(Exception e, HttpContext context)
    {
        switch (e)
        {
            case BadQueryException b: return (400, w => w.WriteString("error", b.Message));
            case NotFoundQueryException n: return (404, w => w.WriteString("error", n.Message));
            case TooLargeQueryException t:
                return (413, w =>
                {
                    w.WriteString("error", t.Message);
                    foreach (var (k, v) in t.Details) w.WriteNumber(k, v);
                });
            case IndexUnusableException u:
                Log(context, e, LogLevel.Error);
                return (503, w => w.WriteString("error", u.Message));
            case BadHttpRequestException h:
                return (h.StatusCode, w => w.WriteString("error", h.StatusCode == 413 ? "request body too large" : h.Message));
            case JsonException j:
                return (400, w => w.WriteString("error", "request body is not valid JSON: " + j.Message));
            default:
                Log(context, e, LogLevel.Error);
                return (500, w => w.WriteString("error", "internal error"));
        }
    }

    private static void Log(HttpContext context, Exception e, LogLevel level)
    {
        var logger = context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Pangy.Query");
        logger?.Log(level, e, "{Method} {Path}: {Message}", context.Request.Method, context.Request.Path, e.Message);
    }

    /// <summary>Writes <c>{…}</c> with <paramref name="body"/>'s members as the response.</summary>
    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> body, bool setStatus = true)
    {
        var buffer = new PooledBuffer();
        try
        {
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                body(w);
                w.WriteEndObject();
            }
            if (setStatus) context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = buffer.Length;
            await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>A JSON error result with the given status (for handler-level answers such as the reference's 400s).</summary>
    public static IResult Error(int status, string message) => new ErrorResult(status, message);

    private sealed class ExceptionResult(Exception e) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, e);
    }

    private sealed class ErrorResult(int status, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, w => w.WriteString("error", message));
    }
}
