using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pangy.Assets.Tests.DataManager;

/// <summary>
/// A real Kestrel on 127.0.0.1 that either serves a folder (GET/HEAD, ETag, Content-Length: a plain web server) or
/// forwards every request to another server (Azurite). Either way it counts, server side, the GETs of each file name,
/// and can slow bodies down so that downloads overlap or can be killed half-way.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _gets = new(StringComparer.Ordinal);
    private static readonly HttpClient Forwarder = new(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.None });

    private LoopbackServer(string? folder, Uri? target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(context => folder is not null ? ServeFile(context, folder) : Forward(context, target!));
    }

    /// <summary>Serves <paramref name="folder"/>'s files at <c>/NAME</c>.</summary>
    public static async Task<LoopbackServer> ServeFolderAsync(string folder)
    {
        var s = new LoopbackServer(folder, null);
        await s._app.StartAsync();
        return s;
    }

    /// <summary>Forwards every request to <paramref name="target"/> (scheme, host and port; the path is kept).</summary>
    public static async Task<LoopbackServer> ProxyAsync(Uri target)
    {
        var s = new LoopbackServer(null, target);
        await s._app.StartAsync();
        return s;
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri BaseAddress => new(_app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Bytes per second for response bodies of files (0: full speed). The manifest is never slowed.</summary>
    public int BytesPerSecond { get; set; }

    /// <summary>GET requests whose path ends in <c>/NAME</c>, counted by the server.</summary>
    public int Gets(string name) => _gets.GetValueOrDefault(name);

    private void Count(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method)) return;
        string name = Uri.UnescapeDataString(context.Request.Path.Value!.Split('/').Last());
        _gets.AddOrUpdate(name, 1, (_, n) => n + 1);
    }

    private async Task ServeFile(HttpContext context, string folder)
    {
        Count(context);
        string name = Uri.UnescapeDataString(context.Request.Path.Value!.TrimStart('/'));
        var file = new FileInfo(Path.Combine(folder, name));
        if (name.Contains('/') || !file.Exists)
        {
            context.Response.StatusCode = 404;
            return;
        }
        context.Response.ContentLength = file.Length;
        context.Response.Headers.ETag = $"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"";
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await using var stream = file.OpenRead();
        await CopySlowly(stream, context.Response.Body, name, context.RequestAborted);
    }

    private async Task Forward(HttpContext context, Uri target)
    {
        Count(context);
        var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
            new Uri(target, context.Request.Path.Value + context.Request.QueryString.Value));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            request.Content = new StreamContent(context.Request.Body);
        foreach (var (key, value) in context.Request.Headers)
        {
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase)) continue;
            if (!request.Headers.TryAddWithoutValidation(key, (IEnumerable<string?>)value))
                request.Content?.Headers.TryAddWithoutValidation(key, (IEnumerable<string?>)value);
        }
        using var response = await Forwarder.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (key, value) in response.Headers.Concat(response.Content.Headers))
            if (!key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                context.Response.Headers[key] = value.ToArray();
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        await CopySlowly(body, context.Response.Body, context.Request.Path.Value!.Split('/').Last(), context.RequestAborted);
    }

    private async Task CopySlowly(Stream from, Stream to, string name, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await from.ReadAsync(buffer, ct)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, n), ct);
            int rate = BytesPerSecond;
            if (rate > 0 && name != "manifest.json")
            {
                await to.FlushAsync(ct);
                await Task.Delay(TimeSpan.FromSeconds((double)n / rate), ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
