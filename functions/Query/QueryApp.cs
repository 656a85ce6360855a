using Microsoft.AspNetCore.Server.Kestrel.Core;
using Pangy.Functions.Query.Endpoints;
using Pangy.Functions.Query.Http;

namespace Pangy.Functions.Query;

/// <summary>
/// The query app: the reference-compatible routes over a datastore folder. <c>functions/Query</c> runs it as is (the
/// Functions host proxies HTTP to it as a custom handler); <c>pangy serve</c> runs the same app with its options.
/// </summary>
public static class QueryApp
{
    /// <summary>Builds the app from <paramref name="args"/> and configuration, then applies <paramref name="configure"/>.</summary>
    public static WebApplication Create(string[] args, Action<QueryServerOptions>? configure = null, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Options are read from the final configuration (test hosts add theirs when the app is built).
        builder.Services.AddSingleton(sp => ReadOptions(sp.GetRequiredService<IConfiguration>(), configure));
        builder.Services.AddSingleton(sp => new QueryServer(sp.GetRequiredService<QueryServerOptions>()));
        builder.Services.AddSingleton(sp => AssetsApi.CreateGenomes(sp.GetRequiredService<QueryServerOptions>()));
        builder.Services.AddOptions<KestrelServerOptions>().Configure<QueryServerOptions>((k, o) =>
        {
            k.Limits.MaxRequestBodySize = o.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Pangy query API";
            doc.Info.Description = "Routes compatible with PangyPlot's HTTP API over a Pangy datastore, plus Pangy's own (/datasets, /gene). " +
                                   "Every route takes an optional db (dataset) parameter. Errors are JSON {\"error\": ...}.";
            return Task.CompletedTask;
        }));
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
        api.MapDatasetsApi()
            .MapReferenceApi()
            .MapSkeletonFilesApi()
            .MapGraphApi()
            .MapPathApi()
            .MapExportApi()
            .MapViewerApi()
            .MapAssetsApi();
        app.Lifetime.ApplicationStopped.Register(() => app.Services.GetRequiredService<QueryServer>().Dispose());
        return app;
    }

    /// <summary>The server options: section <c>Pangy</c>, the reference's environment variables, then <paramref name="configure"/>.</summary>
    public static QueryServerOptions ReadOptions(IConfiguration configuration, Action<QueryServerOptions>? configure = null)
    {
        var options = new QueryServerOptions();
        configuration.GetSection(QueryServerOptions.Section).Bind(options);
        if (configuration["ORGANISM"] is { Length: > 0 } organism) options.Organism = organism;
        if (configuration["CYTOBAND_PATH"] is { Length: > 0 } cyto) options.CytobandPath = cyto;
        if (configuration["CANONICAL_PATH"] is { Length: > 0 } canon) options.CanonicalPath = canon;
        options.Assets ??= Pangy.Azure.Assets.AssetBuckets.LocationFromSettings(k => configuration[k]);
        configure?.Invoke(options);
        options.RoutePrefix = NormalizePrefix(options.RoutePrefix);
        return options;
    }

    /// <summary><c>api</c>, <c>/api/</c> → <c>/api</c>; empty stays empty.</summary>
    public static string NormalizePrefix(string? prefix)
    {
        prefix = (prefix ?? "").Trim().Trim('/');
        return prefix.Length == 0 ? "" : "/" + prefix;
    }
}
