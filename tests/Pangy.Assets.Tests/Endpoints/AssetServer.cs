using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pangy.Core.Build;
using Pangy.Core.Stages;
using Pangy.Core.Storage;
using Pangy.Http;
using Pangy.Testing;

namespace Pangy.Assets.Tests.Endpoints;

/// <summary>
/// The query app on a real Kestrel over a datastore whose <c>assets/</c> folder holds GenomeKit's files, and which holds
/// DRB1-3123 built as <c>pangy add --db drb1 --ref gi|568815592 --assembly hg38.p12.mini</c> does.
/// </summary>
public sealed class AssetServer : IAsyncLifetime
{
    public const string Dataset = "drb1";
    public const string Reference = "gi|568815592";
    public const string Assembly = "hg38.p12.mini";

    private WebApplication _app = null!;

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        string root = Directory.CreateTempSubdirectory("pangy-serve").FullName;
        string assets = Path.Combine(root, "assets");
        Directory.CreateDirectory(assets);
        foreach (var f in Directory.EnumerateFiles(Path.GetDirectoryName(TestData.Assets("x"))!))
            File.Copy(f, Path.Combine(assets, Path.GetFileName(f)));
        await AddChromosome.RunAsync(new LocalDatastore(root), new AddChromosomeRequest(
            new ChromosomeKey(Dataset, "DRB1"),
            InputFile.FromPath(RepoPaths.Of("tests", "data", "drb1", "DRB1-3123.gfa")),
            InputFile.FromPath(RepoPaths.Of("tests", "data", "drb1", "DRB1-3123.lay.tsv")),
            new ChromosomeBuildOptions { Reference = Reference, Assembly = Assembly }));
        _app = QueryWebApp.Create(["--urls", "http://127.0.0.1:0"], o =>
        {
            o.Dir = root;
            o.Organism = "none";
            o.MaxSequenceLength = 20_000;
        });
        await _app.StartAsync();
        Http.BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Http.Dispose();
    }
}
