using Pangy.Core.Pipeline;
using static Microsoft.Playwright.Assertions;

namespace Pangy.Console.Tests;

/// <summary>
/// The datasets view shows every state the pipeline's status passes through, each as soon as the status holds it and
/// without a reload. The status is written here step by step (through the same <see cref="StatusBook"/> the handlers
/// use), and each step waits until the page shows it: a real build can pass through <c>queued</c> and
/// <c>building</c> between two polls, so <see cref="LiveStatusTests"/> alone could not show that every state is drawn.
/// </summary>
public sealed class StatusStatesTests : IAsyncLifetime
{
    private const string Db = "steps";
    private const string Chr = "chr7";

    private readonly string _root = Directory.CreateTempSubdirectory("pangy-console-states").FullName;
    private readonly Browser _browser = new();
    private ConsoleServer _server = null!;

    public async Task InitializeAsync()
    {
        await _browser.InitializeAsync();
        _server = await ConsoleServer.StartAsync(_root);
    }

    [Fact]
    public async Task Each_state_the_status_passes_through_is_drawn_without_a_reload()
    {
        var book = new StatusBook(new LocalStatusStore(LocalStatusStore.InDatastore(_root)));
        Task Step(Action<ChromosomeStatus> change) => book.UpdateDatasetAsync(Db, doc =>
        {
            var c = doc.Chromosome(Chr);
            change(c);
            c.Updated = book.Now;
            return (true, 0);
        });

        await Step(c => c.State = ChromosomeState.Waiting);
        await using var p = await _browser.OpenAsync();
        await p.Page.GotoAsync(_server.BaseUrl.ToString());
        var row = p.Page.Locator($"section[data-dataset='{Db}'] tr[data-chromosome='{Chr}']");
        await Expect(row).ToHaveAttributeAsync("data-state", ChromosomeState.Waiting, new() { Timeout = 30_000 });
        await p.Page.EvaluateAsync("() => { window.pangyNoReload = 1; }");

        foreach (string state in new[] { ChromosomeState.Queued, ChromosomeState.Building })
        {
            await Step(c => c.State = state);
            await Expect(row).ToHaveAttributeAsync("data-state", state, new() { Timeout = 30_000 });
            await Expect(row.Locator("span.state")).ToHaveTextAsync(state);
            // Nothing to open before the graph is published.
            await Expect(row.Locator("a")).ToHaveCountAsync(0);
        }

        await Step(c =>
        {
            c.State = ChromosomeState.Built;
            c.BuildSeconds = 4.25;
            c.Counts = new ChromosomeCounts(Segments: 1234, Links: 2345, Paths: 12, Bubbles: 345);
        });
        await Expect(row).ToHaveAttributeAsync("data-state", ChromosomeState.Built, new() { Timeout = 30_000 });
        await Expect(row).ToHaveAttributeAsync("data-segments", "1234");
        Assert.Equal("345", await row.GetAttributeAsync("data-bubbles"));
        await Expect(row.Locator("th a")).ToHaveCountAsync(1);

        await Step(c => { c.State = ChromosomeState.Ready; c.SkeletonSeconds = 1.5; });
        await Expect(row).ToHaveAttributeAsync("data-state", ChromosomeState.Ready, new() { Timeout = 30_000 });

        // New inputs that fail: the row says so with the reason, and the earlier build's counts stay (still served).
        await Step(c =>
        {
            c.State = ChromosomeState.Failed;
            c.Error = new StatusError("uploads/steps/chr7.gfa", 12, "L line names segment 99, which is not defined");
        });
        await Expect(row).ToHaveAttributeAsync("data-state", ChromosomeState.Failed, new() { Timeout = 30_000 });
        var reason = p.Page.Locator($"section[data-dataset='{Db}'] tr.error-row");
        await Expect(reason).ToContainTextAsync("uploads/steps/chr7.gfa:12");
        await Expect(reason).ToContainTextAsync("which is not defined");
        Assert.Equal(1, await p.Page.EvaluateAsync<int>("() => window.pangyNoReload"));
        p.AssertClean();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _browser.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
