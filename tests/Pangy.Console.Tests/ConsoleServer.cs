using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pangy.Core.Annotations;
using Pangy.Core.Build;
using Pangy.Core.Stages;
using Pangy.Core.Storage;
using Pangy.Http;
using Pangy.Testing;

namespace Pangy.Console.Tests;

/// <summary>
/// The real server of <c>pangy serve</c> (<see cref="QueryWebApp"/>, Kestrel on 127.0.0.1 and a free port) over a datastore
/// folder. <see cref="BuildDrb1Async"/> fills it as <c>pangy add</c> and <c>pangy annotate</c> do.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    public const string Reference = "gi|568815592";
    public const string Chromosome = "DRB1";

    private readonly WebApplication _app;

    private ConsoleServer(string root, WebApplication app, Uri baseUrl)
    {
        Root = root;
        _app = app;
        BaseUrl = baseUrl;
        // Stored gzip files are sent with Content-Encoding: gzip; the tests read what a browser would.
        Client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All }) { BaseAddress = baseUrl };
    }

    public string Root { get; }
    public Uri BaseUrl { get; }
    public HttpClient Client { get; }

    /// <summary>Starts the app over <paramref name="root"/>, its routes under <paramref name="prefix"/>.</summary>
    public static async Task<ConsoleServer> StartAsync(string root, string? defaultDataset = null, string prefix = "")
    {
        var app = QueryWebApp.Create(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"], o =>
        {
            o.Dir = root;
            o.DefaultDataset = defaultDataset;
            o.Organism = "human-hg38";
            o.RoutePrefix = prefix;
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ConsoleServer(root, app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary><c>pangy add --db {dataset} --ref gi|568815592 --chr DRB1</c> on DRB1-3123, then <c>pangy annotate</c> with the fixture GFF3.</summary>
    public static async Task<AddChromosomeResult> BuildDrb1Async(string root, string dataset, IProgress<BuildProgress>? progress = null)
    {
        var request = new AddChromosomeRequest(
            new ChromosomeKey(dataset, Chromosome),
            InputFile.FromPath(RepoPaths.Of("tests", "data", "drb1", "DRB1-3123.gfa")),
            InputFile.FromPath(RepoPaths.Of("tests", "data", "drb1", "DRB1-3123.lay.tsv")),
            new ChromosomeBuildOptions { Reference = Reference });
        var result = await AddChromosome.RunAsync(new LocalDatastore(root), request, progress);
        AnnotationCatalog.Add(root, Reference, "fixture", RepoPaths.Of("tests", "data", "drb1", "drb1_annotations.gff3"), replace: true);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
