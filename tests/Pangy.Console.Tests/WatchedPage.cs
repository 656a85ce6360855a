using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pangy.Console.Tests;

/// <summary>
/// A page that records every console error, page error, failed request and HTTP error answer, so a test can assert
/// that none happened. The only answer tolerated is the one the console expects to be absent:
/// <c>/datasets/{db}/status</c> answering 404 for a datastore built without the pipeline.
/// </summary>
public sealed partial class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    public WatchedPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) =>
        {
            if (m.Type != "error") return;
            if (m.Text.Contains("404") && NoStatusRoute().IsMatch(m.Location)) return;
            lock (_problems) _problems.Add($"console error: {m.Text} ({m.Location})");
        };
        page.PageError += (_, e) => { lock (_problems) _problems.Add($"page error: {e}"); };
        page.RequestFailed += (_, r) => { lock (_problems) _problems.Add($"request failed: {r.Method} {r.Url}: {r.Failure}"); };
        page.Response += (_, r) =>
        {
            if (r.Status < 400) return;
            if (r.Status == 404 && NoStatusRoute().IsMatch(r.Url)) return;
            lock (_problems) _problems.Add($"HTTP {r.Status}: {r.Request.Method} {r.Url}");
        };
    }

    public IPage Page { get; }

    /// <summary>What went wrong so far.</summary>
    public IReadOnlyList<string> Problems { get { lock (_problems) return [.. _problems]; } }

    public void AssertClean() => Assert.True(Problems.Count == 0, "the page had problems:\n" + string.Join("\n", Problems));

    [GeneratedRegex(@"/datasets/[^/?]+/status\b")]
    private static partial Regex NoStatusRoute();

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
