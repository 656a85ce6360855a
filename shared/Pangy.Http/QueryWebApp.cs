using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Pangy.Http.Responses;

namespace Pangy.Http;

/// <summary>
/// The query API as an ASP.NET Core minimal-API app over a datastore folder: what <c>pangy serve</c> runs (and the
/// tests, on a test server). The Query Function app serves the same handlers as HTTP functions instead.
/// </summary>
public static class QueryWebApp
{
    /// <summary>Builds the app from <paramref name="args"/> and configuration, then applies <paramref name="configure"/>.</summary>
    public static WebApplication Create(string[] args, Action<QueryServerOptions>? configure = null, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        // The content root is the app's folder, not the working directory, and configuration files are not watched:
        // the default watches the content root with a recursive FileSystemWatcher, which on Linux lists every folder
        // under it at start-up (a repository checkout with node_modules, or /tmp: thousands of directories read from
        // disk on a cold instance, about half the CPU before the first answer). The app has no configuration file to
        // reload, and nothing it serves comes from the content root. The slim builder leaves out what the app does not use
        // and a cold start would still load: HTTPS and HTTP/3 (QUIC), IIS integration, host filtering, regex route
        // constraints, the EventSource and Debug loggers (docs/benchmarks.md, "A cold Query instance's first answer").
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddQueryServer(configure);
        builder.Services.AddOptions<KestrelServerOptions>().Configure<QueryServerOptions>((k, o) =>
        {
            k.Limits.MaxRequestBodySize = o.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Pangy query API";
                doc.Info.Description = "Routes compatible with PangyPlot's HTTP API over a Pangy datastore, plus Pangy's own (/datasets, /gene). " +
                                       "Every route takes an optional db (dataset) parameter. Errors are JSON {\"error\": ...}.";
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(OpenApiQueryParameters.Transform);
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        var options = app.Services.GetRequiredService<QueryServerOptions>();
        app.UseJsonErrors();
        string prefix = options.RoutePrefix;
        // The document lives at {prefix}/openapi.json; the generator wants a {documentName} in its route.
        app.Use((context, next) =>
        {
            if (context.Request.Path.Equals(prefix + "/openapi.json", StringComparison.Ordinal))
                context.Request.Path = prefix + "/openapi/v1.json";
            return next(context);
        });
        app.UseRouting();
        var api = prefix.Length == 0 ? (IEndpointRouteBuilder)app : app.MapGroup(prefix);
        api.MapOpenApi("/openapi/{documentName}.json");
        api.MapQueryApi();
        app.Lifetime.ApplicationStopped.Register(() => app.Services.GetRequiredService<QueryServer>().Dispose());
        return app;
    }
}
