using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Pangy.Core.Build;
using Pangy.Core.Stages;
using static Microsoft.Playwright.Assertions;

namespace Pangy.Console.Tests;

/// <summary>
/// The datasets view follows a build without a reload. The server is the real app over a datastore that gains DRB1
/// while the page is open (the real build, <see cref="ConsoleServer.BuildDrb1Async"/>); the status route it polls is
/// the pipeline contract's <c>GET /datasets/{db}/status</c>, answered here from the build's own progress and result
/// until <c>pangy up</c> serves it (see docs/console.md).
/// </summary>
public sealed class LiveStatusTests : IAsyncLifetime
{
    private const string Db = "live";
    private readonly string _root = Directory.CreateTempSubdirectory("pangy-console-live").FullName;
    private readonly Browser _browser = new();
    private readonly Lock _lock = new();
    private string _state = "queued";
    private AddChromosomeResult? _result;
    private DateTime _updated = DateTime.UtcNow;

    public Task InitializeAsync() => _browser.InitializeAsync();

    private void Set(string state, AddChromosomeResult? result = null)
    {
        lock (_lock) { _state = state; _result = result; _updated = DateTime.UtcNow; }
    }

    // The contract's shape (HELPERS.md, "the pipeline contract").
    private IResult Status(string db)
    {
        if (db != Db) return Results.Json(new { error = $"no status for dataset '{db}'" }, statusCode: 404);
        lock (_lock)
        {
            var r = _result;
            return Results.Json(new
            {
                dataset = Db,
                chromosomes = new[]
                {
                    new
                    {
                        chromosome = ConsoleServer.Chromosome,
                        state = _state,
                        updated = _updated.ToString("O", CultureInfo.InvariantCulture),
                        inputs = new { gfa = new { name = "live/DRB1.gfa", etag = "0x1" }, layout = new { name = "live/DRB1.lay.tsv", etag = "0x2" } },
                        timings = r is null ? null : new { build_s = r.BuildCost.Elapsed.TotalSeconds, skeleton_s = r.SkeletonCost.Elapsed.TotalSeconds },
                        counts = r is null ? null : new { segments = r.Build.Segments, links = r.Build.Links, paths = r.Build.Paths, bubbles = r.Bubbles.Bubbles },
                        error = (object?)null,
                    },
                },
                uploads = Array.Empty<object>(),
            });
        }
    }

    [Fact]
    public async Task The_datasets_view_moves_from_building_to_ready_without_a_reload()
    {
        Directory.CreateDirectory(Path.Combine(_root, "graphs", Db));
        await using var server = await ConsoleServer.StartAsync(_root, Db, app => app.MapGet("/datasets/{db}/status", (string db) => Status(db)));
        await using var p = await _browser.OpenAsync();
        await p.Page.GotoAsync(server.BaseUrl.ToString());
        // A marker that a reload would lose.
        await p.Page.EvaluateAsync("() => { window.pangyNoReload = 1; }");
        var row = p.Page.Locator($"section[data-dataset='{Db}'] tr[data-chromosome='DRB1']");
        await Expect(row).ToHaveAttributeAsync("data-state", "queued");

        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var build = Task.Run(() => ConsoleServer.BuildDrb1Async(_root, Db, new Progress(() =>
        {
            Set("building");
            entered.TrySetResult();
            release.Task.Wait();
        })));
        await entered.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await Expect(row).ToHaveAttributeAsync("data-state", "building");
        await Expect(row.Locator(".state")).ToHaveTextAsync("building");
        release.SetResult();
        var result = await build.WaitAsync(TimeSpan.FromMinutes(2));
        Set("ready", result);

        await Expect(row).ToHaveAttributeAsync("data-state", "ready");
        await Expect(row).ToHaveAttributeAsync("data-segments", "3214");
        Assert.Equal("4380", await row.GetAttributeAsync("data-links"));
        Assert.Equal("874", await row.GetAttributeAsync("data-bubbles"));
        Assert.Equal(1, await p.Page.EvaluateAsync<int>("() => window.pangyNoReload"));
        // The chromosome that appeared is viewable.
        await row.Locator("th a").ClickAsync();
        await Expect(p.Page.Locator("main[data-view='chromosome'][data-ready='true']")).ToBeVisibleAsync();
        // Its reference is found although the page loaded before it existed: the spine is drawn with its coordinates.
        await Expect(p.Page.Locator(".stats")).ToContainTextAsync(ConsoleServer.Reference);
        p.AssertClean();
    }

    /// <summary>Calls back once, on the build's first progress report (the build is then under way).</summary>
    private sealed class Progress(Action first) : IProgress<BuildProgress>
    {
        private int _called;

        public void Report(BuildProgress value)
        {
            if (Interlocked.Exchange(ref _called, 1) == 0) first();
        }
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
