using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Pangy.Core.Build;
using Pangy.Core.Formats;
using Pangy.Core.Stages;
using Pangy.Core.Storage;
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
    private const string Broken = "BROKEN";
    private readonly string _root = Directory.CreateTempSubdirectory("pangy-console-live").FullName;
    private readonly Browser _browser = new();
    private readonly Lock _lock = new();
    private string _state = "queued";
    private AddChromosomeResult? _result;
    private DateTime _updated = DateTime.UtcNow;
    private BadInputException? _failure;

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
            var chromosomes = new List<object>
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
            };
            if (_failure is { } e)
            {
                chromosomes.Add(new
                {
                    chromosome = Broken,
                    state = "failed",
                    updated = _updated.ToString("O", CultureInfo.InvariantCulture),
                    inputs = new { gfa = new { name = "live/broken.gfa", etag = "0x3" } },
                    timings = (object?)null,
                    counts = (object?)null,
                    error = new { file = e.File, line = e.Line, reason = e.Reason },
                });
            }
            return Results.Json(new { dataset = Db, chromosomes, uploads = new[] { new { name = "live/notes.txt", problem = "fits no upload rule" } } });
        }
    }

    /// <summary>The real build's error on a GFA whose link names a segment that does not exist.</summary>
    private async Task<BadInputException> FailedBuildAsync()
    {
        string gfa = Path.Combine(_root, "broken.gfa"), layout = Path.Combine(_root, "broken.lay.tsv");
        await File.WriteAllTextAsync(gfa, "H\tVN:Z:1.0\nS\t1\tACGT\nS\t2\tGG\nL\t1\t+\t3\t+\t0M\nP\tref\t1+,2+\t*\n");
        await File.WriteAllTextAsync(layout, "idx\tX\tY\n0\t0\t0\n1\t1\t0\n2\t2\t0\n3\t3\t0\n");
        var request = new AddChromosomeRequest(new ChromosomeKey(Db, Broken), InputFile.FromPath(gfa), InputFile.FromPath(layout),
            new ChromosomeBuildOptions { Reference = "ref" });
        return await Assert.ThrowsAsync<BadInputException>(() => AddChromosome.RunAsync(new LocalDatastore(_root), request));
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
        // A build that fails shows its reason (file, line, reason) under its row, and the uploads that fit no rule.
        var failure = await FailedBuildAsync();
        lock (_lock) _failure = failure;
        var broken = p.Page.Locator($"section[data-dataset='{Db}'] tr[data-chromosome='{Broken}']");
        await Expect(broken).ToHaveAttributeAsync("data-state", "failed");
        var reason = p.Page.Locator($"section[data-dataset='{Db}'] tr.error-row");
        await Expect(reason).ToContainTextAsync(failure.Reason);
        await Expect(reason).ToContainTextAsync($"{failure.File}:{failure.Line}");
        await Expect(p.Page.Locator(".uploads")).ToContainTextAsync("live/notes.txt");
        await Screenshots.TakeAsync(p.Page, "datasets-live");
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
