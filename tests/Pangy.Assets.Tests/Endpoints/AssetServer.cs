using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pangy.Http;

namespace Pangy.Assets.Tests.Endpoints;

/// <summary>The query app on a real Kestrel over a datastore whose <c>assets/</c> folder holds GenomeKit's files.</summary>
public sealed class AssetServer : IAsyncLifetime
{
    private WebApplication _app = null!;

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        string root = Directory.CreateTempSubdirectory("pangy-serve").FullName;
        string assets = Path.Combine(root, "assets");
        Directory.CreateDirectory(assets);
        foreach (var f in Directory.EnumerateFiles(Path.GetDirectoryName(TestData.Assets("x"))!))
            File.Copy(f, Path.Combine(assets, Path.GetFileName(f)));
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
