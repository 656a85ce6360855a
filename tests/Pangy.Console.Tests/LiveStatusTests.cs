using System.Text.Json;
using System.Text.RegularExpressions;
using Pangy.Core.Pipeline;
using Pangy.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Pangy.Console.Tests;

/// <summary>
/// The datasets view follows the real pipeline without a reload: a <c>pangy up</c> process, the page open on it while
/// DRB1 is dropped into <c>DIR/uploads/</c> by the upload contract (README), the rows following the status the
/// pipeline keeps (<c>GET /datasets/{db}/status</c>).
/// </summary>
public sealed partial class LiveStatusTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Db = "live";
    private const string Broken = "BROKEN";
    // A DRB1 build can finish between two polls, so the states in between are not all seen every time; that each is
    // drawn is StatusStatesTests' job. Here: whatever was seen came in the pipeline's order, ending ready.
    private const string InProgress = "queued|building|built";

    // Every state a chromosome's row shows, in order, recorded in the page: the view polls every 2 s and a DRB1 build
    // takes a few seconds, so a test that only looked now and then could miss the states in between.
    private const string RecordStates = """
        () => {
          window.pangyStates = {};
          const record = () => document.querySelectorAll('section[data-dataset] tr[data-chromosome]').forEach(tr => {
            const key = tr.closest('section').dataset.dataset + '/' + tr.dataset.chromosome;
            const seen = window.pangyStates[key] ??= [];
            if (seen[seen.length - 1] !== tr.dataset.state) seen.push(tr.dataset.state);
          });
          new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
          record();
        }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("pangy-console-live").FullName;
    private readonly Browser _browser = new();

    public Task InitializeAsync() => _browser.InitializeAsync();

    [Fact]
    public async Task Files_dropped_into_pangy_up_move_the_datasets_view_in_order_to_ready_without_a_reload()
    {
        using var up = new PangyUp(_root);
        await up.WaitListeningAsync(TimeSpan.FromMinutes(1));
        await using var p = await _browser.OpenAsync();
        await p.Page.GotoAsync(up.BaseUrl.ToString());
        await Expect(p.Page.Locator(".datasets .empty")).ToBeVisibleAsync();
        // A marker that a reload would lose, and the recorder of the states shown.
        await p.Page.EvaluateAsync("() => { window.pangyNoReload = 1; }");
        await p.Page.EvaluateAsync(RecordStates);

        // dataset.json and the GFA first: the chromosome waits for its layout, so the page has seen it before the build.
        string uploads = up.UploadsOf(Db);
        await File.WriteAllTextAsync(Path.Combine(uploads, "dataset.json"), $$"""{"ref": "{{ConsoleServer.Reference}}"}""");
        File.Copy(RepoPaths.Of("tests", "data", "drb1", "DRB1-3123.gfa"), Path.Combine(uploads, "DRB1.gfa"));
        var row = p.Page.Locator($"section[data-dataset='{Db}'] tr[data-chromosome='{ConsoleServer.Chromosome}']");
        await Expect(row).ToHaveAttributeAsync("data-state", "waiting", new() { Timeout = 30_000 });
        File.Copy(RepoPaths.Of("tests", "data", "drb1", "DRB1-3123.lay.tsv"), Path.Combine(uploads, "DRB1.lay.tsv"));

        await Expect(row).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 120_000 });
        await Expect(row).ToHaveAttributeAsync("data-segments", "3214");
        Assert.Equal("4380", await row.GetAttributeAsync("data-links"));
        Assert.Equal("874", await row.GetAttributeAsync("data-bubbles"));
        // The counts are on the page, not only in attributes (3,214 in the browser's number format).
        await Expect(row.Locator("td.n").First).ToHaveTextAsync(ThreeThousandTwoHundredFourteen());
        var seen = await p.Page.EvaluateAsync<string[]>($"() => window.pangyStates['{Db}/{ConsoleServer.Chromosome}']");
        string states = string.Join(" → ", seen);
        output.WriteLine($"{ConsoleServer.Chromosome} shown as: {states}");
        Assert.Matches($"^waiting( → ({InProgress}))* → ready$", states);
        Assert.Equal(seen.OrderBy(Order), seen);
        Assert.Equal(1, await p.Page.EvaluateAsync<int>("() => window.pangyNoReload"));

        // A broken GFA in the same dataset (a link to a segment that does not exist) ends failed with its reason, and an
        // upload that fits no rule is listed.
        await File.WriteAllTextAsync(Path.Combine(uploads, "notes.txt"), "not an input\n");
        await File.WriteAllTextAsync(Path.Combine(uploads, Broken + ".lay.tsv"), "idx\tX\tY\n0\t0\t0\n1\t1\t0\n2\t2\t0\n3\t3\t0\n");
        await File.WriteAllTextAsync(Path.Combine(uploads, Broken + ".gfa"), "H\tVN:Z:1.0\nS\t1\tACGT\nS\t2\tGG\nL\t1\t+\t3\t+\t0M\nP\tref\t1+,2+\t*\n");
        var broken = p.Page.Locator($"section[data-dataset='{Db}'] tr[data-chromosome='{Broken}']");
        await Expect(broken).ToHaveAttributeAsync("data-state", "failed", new() { Timeout = 60_000 });
        var error = await ErrorOfAsync(up, Broken);
        Assert.EndsWith(Broken + ".gfa", error.GetProperty("file").GetString());
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        var reason = p.Page.Locator($"section[data-dataset='{Db}'] tr.error-row");
        await Expect(reason).ToContainTextAsync(error.GetProperty("reason").GetString()!);
        await Expect(reason).ToContainTextAsync($"{error.GetProperty("file").GetString()}:4");
        await Expect(p.Page.Locator(".uploads")).ToContainTextAsync($"{Db}/notes.txt");
        await Screenshots.TakeAsync(p.Page, "datasets-live");
        Assert.Equal(1, await p.Page.EvaluateAsync<int>("() => window.pangyNoReload"));

        // The chromosome that appeared is viewable, its reference found although the page loaded before it existed.
        await row.Locator("th a").ClickAsync();
        await Expect(p.Page.Locator("main[data-view='chromosome'][data-ready='true']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(p.Page.Locator(".stats")).ToContainTextAsync(ConsoleServer.Reference);
        p.AssertClean();
    }

    /// <summary>The pipeline's error for <paramref name="chromosome"/> (file, line, reason), from the status route the page reads.</summary>
    private static async Task<JsonElement> ErrorOfAsync(PangyUp up, string chromosome)
    {
        using var doc = JsonDocument.Parse(await up.Client.GetStringAsync($"/datasets/{Db}/status"));
        return doc.RootElement.GetProperty("chromosomes").EnumerateArray()
            .Single(c => c.GetProperty("chromosome").GetString() == chromosome).GetProperty("error").Clone();
    }

    private static int Order(string state) => Array.IndexOf(
        [ChromosomeState.Waiting, ChromosomeState.Queued, ChromosomeState.Building, ChromosomeState.Built, ChromosomeState.Ready], state);

    [GeneratedRegex(@"^3\D?214$")]
    private static partial Regex ThreeThousandTwoHundredFourteen();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
