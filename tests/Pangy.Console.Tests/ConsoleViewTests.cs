using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pangy.Console.Tests;

/// <summary>
/// The console's three views in a real browser against the real server over DRB1-3123, compared with what the API
/// answers for the same questions (issue 14's "Done when").
/// </summary>
[Collection(Drb1Console.Collection)]
public sealed class ConsoleViewTests(Drb1Console f)
{
    private const string Db = Drb1Console.Dataset;
    // The reference range of DRB1-3123's reference path (graph meta bp_range): the whole core region.
    private const long CoreStart = 32578769, CoreEnd = 32589836;
    private static readonly string Q = $"db={Db}&genome={Uri.EscapeDataString(ConsoleServer.Reference)}&chromosome={ConsoleServer.Chromosome}";

    private async Task<JsonElement> Api(string path)
    {
        using var resp = await f.Server.Client.GetAsync(path);
        string body = await resp.Content.ReadAsStringAsync();
        Assert.True(resp.IsSuccessStatusCode, $"{path}: {(int)resp.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<WatchedPage> OpenAsync(string hash = "", int width = 1280, int height = 800)
    {
        var page = await f.Browser.OpenAsync(width, height);
        await page.Page.GotoAsync(new Uri(f.Server.BaseUrl, hash).ToString());
        return page;
    }

    private static async Task<int> Attr(ILocator l, string name) => int.Parse((await l.GetAttributeAsync(name))!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Datasets_view_lists_drb1_ready_with_its_counts()
    {
        await using var p = await OpenAsync();
        var row = p.Page.Locator($"section[data-dataset='{Db}'] tr[data-chromosome='DRB1']");
        await Expect(row).ToHaveAttributeAsync("data-state", "ready");
        await Expect(row).ToHaveAttributeAsync("data-segments", "3214");
        // The numbers the build produced (reference §7.6): 3214 segments, 4380 links, 12 paths, 874 bubbles.
        var meta = await Api($"graph-meta?{Q}");
        Assert.Equal(meta.GetProperty("total_segments").GetInt32(), await Attr(row, "data-segments"));
        Assert.Equal(4380, await Attr(row, "data-links"));
        Assert.Equal(12, await Attr(row, "data-paths"));
        Assert.Equal(874, await Attr(row, "data-bubbles"));
        await Expect(row.Locator(".state")).ToHaveTextAsync("ready");
        await Expect(row).ToContainTextAsync("3,214");
        await Screenshots.TakeAsync(p.Page, "datasets");
        // Polling (every 2 s) keeps the keyboard focus where it is.
        await row.Locator("th a").FocusAsync();
        await p.Page.WaitForTimeoutAsync(2500);
        Assert.Equal("DRB1", await p.Page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        p.AssertClean();
    }

    [Fact]
    public async Task Chromosome_view_draws_the_skeleton_level_that_fits_and_zooms_to_finer_ones()
    {
        await using var p = await OpenAsync();
        await p.Page.Locator("tr[data-chromosome='DRB1'] th a").ClickAsync();
        await Expect(p.Page.Locator("main[data-view='chromosome'][data-ready='true']")).ToBeVisibleAsync();
        var canvas = p.Page.Locator("canvas.graph");

        var skeleton = await Api($"skeleton?{Q}");
        var levels = skeleton.GetProperty("levels").EnumerateArray()
            .ToDictionary(l => l.GetProperty("gridSize").GetInt32(), l => l.GetProperty("numPolylines").GetInt32());
        var meta = await Api($"graph-meta?{Q}");
        var bbox = meta.GetProperty("layout_bbox");
        var box = (await canvas.BoundingBoxAsync())!;
        // Fitted to the view (16 px margins), the finest level whose cell is at least 4 px.
        double scale = Math.Min((box.Width - 32) / (bbox.GetProperty("max_x").GetDouble() - bbox.GetProperty("min_x").GetDouble()),
            (box.Height - 32) / (bbox.GetProperty("max_y").GetDouble() - bbox.GetProperty("min_y").GetDouble()));
        int expected = levels.Keys.Order().First(g => g * scale >= 4);

        int level = await Attr(canvas, "data-level");
        Assert.Equal(expected, level);
        Assert.Equal(levels[level], await Attr(canvas, "data-polylines"));
        Assert.Equal(levels[level], await Attr(canvas, "data-drawn"));
        Assert.True(await InkedPixels(p.Page, "canvas.graph") > 2000, "the skeleton canvas is blank");

        // Zooming in draws a finer level, with that level's polylines.
        await canvas.FocusAsync();
        for (int i = 0; i < 3; i++) await p.Page.Keyboard.PressAsync("+");
        await Expect(canvas).Not.ToHaveAttributeAsync("data-level", level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        int finer = await Attr(canvas, "data-level");
        Assert.True(finer < level, $"zoomed in to level {finer} from {level}");
        Assert.Equal(levels[finer], await Attr(canvas, "data-polylines"));
        await p.Page.Keyboard.PressAsync("0");
        await Expect(canvas).ToHaveAttributeAsync("data-level", level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.TakeAsync(p.Page, "chromosome");

        // A click on the drawing opens the region under the cursor.
        await canvas.ClickAsync(new LocatorClickOptions { Position = new Position { X = box.Width / 2, Y = box.Height / 2 } });
        await Expect(p.Page.Locator("main[data-view='region'][data-ready='true']")).ToBeVisibleAsync();
        Assert.Contains("#/region?db=drb1&chr=DRB1&start=", p.Page.Url);
        p.AssertClean();
    }

    [Fact]
    public async Task Region_view_draws_select_pops_a_bubble_highlights_a_path_and_shows_the_genes()
    {
        await using var p = await OpenAsync();
        await Expect(p.Page.Locator("tr[data-chromosome='DRB1']")).ToBeVisibleAsync();
        // The search box takes chrom:start-end.
        await p.Page.Keyboard.PressAsync("/");
        await p.Page.Keyboard.TypeAsync($"DRB1:{CoreStart}-{CoreEnd}");
        await p.Page.Keyboard.PressAsync("Enter");
        await Expect(p.Page.Locator("main[data-view='region'][data-ready='true']")).ToBeVisibleAsync();
        var canvas = p.Page.Locator("canvas.graph");

        var select = await Api($"select?{Q}&start={CoreStart}&end={CoreEnd}");
        var nodeIds = select.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToHashSet();
        var linkIds = select.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToHashSet();
        Assert.True(nodeIds.Count > 100, $"{nodeIds.Count} nodes");
        await Expect(canvas).ToHaveAttributeAsync("data-nodes", nodeIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(nodeIds.Count, await Attr(canvas, "data-bubbles"));
        Assert.Equal(linkIds.Count, await Attr(canvas, "data-links"));
        Assert.True(await InkedPixels(p.Page, "canvas.graph") > 2000, "the region canvas is blank");

        // The gene track: the fixture's two genes on chr6 inside DRB1's range (FARAWAY on chr1 is not).
        await Expect(p.Page.Locator("main")).ToHaveAttributeAsync("data-genes", new System.Text.RegularExpressions.Regex("HLA-DRB1"));
        var genes = (await p.Page.Locator("main").GetAttributeAsync("data-genes"))!.Split(',').Order().ToArray();
        Assert.Equal(["HLA-DRB1", "TINY1"], genes);
        await Expect(p.Page.Locator(".gene-list")).ToContainTextAsync("HLA-DRB1");
        await Expect(p.Page.Locator(".gene-list")).ToContainTextAsync("TINY1");
        Assert.True(await InkedPixels(p.Page, "canvas.genes") > 200, "the gene track is blank");

        // Keyboard: n selects the leftmost bubble, Enter pops it; its segments and links join the drawing.
        await canvas.FocusAsync();
        await p.Page.Keyboard.PressAsync("n");
        await Expect(canvas).ToHaveAttributeAsync("data-selected", new System.Text.RegularExpressions.Regex("^b\\d+$"));
        string bubble = (await canvas.GetAttributeAsync("data-selected"))!;
        var pop = await Api($"pop?{Q}&id={bubble}");
        var popNodes = pop.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(popNodes);
        await p.Page.Keyboard.PressAsync("Enter");
        int expectedNodes = nodeIds.Count - 1 + popNodes.Count(id => !nodeIds.Contains(id));
        await Expect(canvas).ToHaveAttributeAsync("data-nodes", expectedNodes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(popNodes.Count, await Attr(canvas, "data-segments"));
        linkIds.UnionWith(pop.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("id").GetString()!));
        Assert.Equal(linkIds.Count, await Attr(canvas, "data-links"));

        // A path: the reference's steps in the region, as many as /path-data's region answer holds.
        string sample = ConsoleServer.Reference;
        await p.Page.Locator("#path-sample").SelectOptionAsync(sample);
        int steps = await PathSteps($"path-data?{Q}&sample={Uri.EscapeDataString(sample)}&index=0&start={CoreStart}&end={CoreEnd}");
        Assert.True(steps > 1000, $"{steps} steps");
        await Expect(canvas).ToHaveAttributeAsync("data-path-steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.TakeAsync(p.Page, "region");

        // Export: the GFA of what is on screen.
        var download = await p.Page.RunAndWaitForDownloadAsync(() => p.Page.Locator("#export-gfa").ClickAsync());
        Assert.Equal("DRB1_export.gfa", download.SuggestedFilename);
        string gfa = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("H\tVN:Z:1.0", gfa);
        Assert.Contains("\nS\t", gfa);
        var zip = await p.Page.RunAndWaitForDownloadAsync(() => p.Page.Locator("#export-layout").ClickAsync());
        Assert.EndsWith(".zip", zip.SuggestedFilename);
        p.AssertClean();
    }

    [Fact]
    public async Task A_gene_name_in_the_search_box_opens_its_region()
    {
        await using var p = await OpenAsync();
        await Expect(p.Page.Locator("tr[data-chromosome='DRB1']")).ToBeVisibleAsync();
        await p.Page.Locator("#search-box").FillAsync("TINY1");
        await p.Page.Locator("#search-box").PressAsync("Enter");
        await Expect(p.Page.Locator("main[data-view='region'][data-ready='true']")).ToBeVisibleAsync();
        await Expect(p.Page.Locator("main")).ToHaveAttributeAsync("data-genes", "TINY1");
        await Expect(p.Page.Locator("main")).ToHaveAttributeAsync("data-gene-chromosome", "chr6");
        p.AssertClean();
    }

    [Fact]
    public async Task Errors_are_shown_as_messages_never_a_blank_page()
    {
        await using var p = await OpenAsync("#/region?db=drb1&chr=NOPE&start=1&end=10");
        await Expect(p.Page.Locator("main[data-view='error'] .message.error")).ToContainTextAsync("NOPE");
        await p.Page.GotoAsync(new Uri(f.Server.BaseUrl, "#/nowhere").ToString());
        await Expect(p.Page.Locator("main[data-view='error'] .message.error")).ToContainTextAsync("no such page");
        await p.Page.GotoAsync(new Uri(f.Server.BaseUrl, "#/region?db=drb1&chr=DRB1&start=9&end=1").ToString());
        await Expect(p.Page.Locator("main[data-view='error'] .message.error")).ToContainTextAsync("not a region");
        // Back to a working page from the error page with the keyboard.
        await p.Page.Keyboard.PressAsync("d");
        await Expect(p.Page.Locator("tr[data-chromosome='DRB1']")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("", "datasets-narrow")]
    [InlineData("#/region?db=drb1&chr=DRB1&start=32580000&end=32585000", "region-narrow")]
    public async Task A_narrow_window_scrolls_no_page_sideways(string hash, string screenshot)
    {
        await using var p = await OpenAsync(hash, 390, 800);
        await Expect(p.Page.Locator("main[data-view]:not([data-view='loading'])")).ToBeVisibleAsync();
        if (hash.Length > 0)
        {
            await Expect(p.Page.Locator("main[data-ready='true']")).ToBeVisibleAsync();
            // A window inside HLA-DRB1 (32,579,000–32,587,000) shows the gene that overlaps it.
            await Expect(p.Page.Locator("main")).ToHaveAttributeAsync("data-genes", "HLA-DRB1");
        }
        else await Expect(p.Page.Locator("tr[data-chromosome='DRB1']")).ToBeVisibleAsync();
        int overflow = await p.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the window");
        await Screenshots.TakeAsync(p.Page, screenshot);
        p.AssertClean();
    }

    /// <summary>The number of varints in a region /path-data answer: one step each.</summary>
    private async Task<int> PathSteps(string path)
    {
        byte[] bytes = await f.Server.Client.GetByteArrayAsync(path);
        return bytes.Count(b => (b & 0x80) == 0);
    }

    /// <summary>Pixels with any ink on a canvas.</summary>
    private static Task<int> InkedPixels(IPage page, string selector) => page.EvaluateAsync<int>(@"sel => {
        const c = document.querySelector(sel);
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
    }", selector);
}
