using System.Net;
using System.Net.Http.Headers;
using Pangy.Http;

namespace Pangy.Console.Tests;

/// <summary>How the server answers for the console's files: <c>/</c>, <c>/console/{file}</c>, caching, unknown and hostile names.</summary>
[Collection(Drb1Console.Collection)]
public sealed class ConsoleFilesTests(Drb1Console f)
{
    private HttpClient Client => f.Server.Client;

    [Fact]
    public async Task Root_answers_the_console_page()
    {
        using var resp = await Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        Assert.Equal("text/html", resp.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", resp.Content.Headers.ContentType?.CharSet);
        string html = await resp.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"console/app.js\">", html);
        Assert.NotNull(resp.Headers.ETag);
        Assert.True(resp.Headers.CacheControl?.NoCache);
        Assert.Contains("default-src 'self'", resp.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("app.js", "text/javascript")]
    [InlineData("region.js", "text/javascript")]
    [InlineData("console.css", "text/css")]
    [InlineData("index.html", "text/html")]
    [InlineData("favicon.svg", "image/svg+xml")]
    public async Task Assets_have_their_content_type(string file, string type)
    {
        using var resp = await Client.GetAsync($"/console/{file}");
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        Assert.Equal(type, resp.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", resp.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Every_embedded_file_is_served_with_a_known_type_and_every_module_import_resolves()
    {
        Assert.Contains(ConsoleFiles.IndexFile, ConsoleFiles.Names);
        foreach (var name in ConsoleFiles.Names)
        {
            using var resp = await Client.GetAsync($"/console/{name}");
            Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
            Assert.NotEqual("application/octet-stream", resp.Content.Headers.ContentType?.MediaType);
            if (!name.EndsWith(".js", StringComparison.Ordinal)) continue;
            string js = await resp.Content.ReadAsStringAsync();
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(js, @"from '\./([^']+)'"))
                Assert.Contains(m.Groups[1].Value, ConsoleFiles.Names);
        }
    }

    [Fact]
    public async Task A_matching_etag_answers_304_and_a_stale_one_the_file()
    {
        using var first = await Client.GetAsync("/console/app.js");
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/app.js");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/console/app.js");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000\""));
        using var full = await Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await full.Content.ReadAsByteArrayAsync());
        // Each file has its own tag.
        using var css = await Client.GetAsync("/console/console.css");
        Assert.NotEqual(etag, css.Headers.ETag);
    }

    [Theory]
    [InlineData("/console/nope.js")]
    [InlineData("/console/..%2fPangy.Http.dll")]
    [InlineData("/console/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/console/..%5cindex.html")]
    [InlineData("/console/Console%2fapp.js")]
    [InlineData("/console/APP.JS")]
    [InlineData("/console/")]
    public async Task Unknown_and_traversing_names_answer_404_json(string path)
    {
        using var resp = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, resp.StatusCode);
        Assert.Equal("application/json", resp.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"error\"", await resp.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/console/../../etc/passwd")]
    [InlineData("/console/../datasets")]
    public async Task Dot_segments_never_reach_a_file(string path)
    {
        // HttpClient and Kestrel collapse dot segments, so these end on other routes or nowhere; never on a file.
        using var resp = await Client.GetAsync(path);
        string body = await resp.Content.ReadAsStringAsync();
        Assert.DoesNotContain("root:", body);
        Assert.NotEqual("text/javascript", resp.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_json_api_is_unchanged_next_to_the_console()
    {
        using var resp = await Client.GetAsync("/datasets");
        Assert.Equal("application/json", resp.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"datasets\"", await resp.Content.ReadAsStringAsync());
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = f.Server.BaseUrl };
        using var simplify = await noRedirect.GetAsync("/simplify");
        Assert.Equal(HttpStatusCode.MovedPermanently, simplify.StatusCode);
        Assert.Equal("/", simplify.Headers.Location?.OriginalString);
        using var unknown = await Client.GetAsync("/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Under_a_route_prefix_the_page_and_its_files_move_with_the_api()
    {
        await using var server = await ConsoleServer.StartAsync(f.Root, Drb1Console.Dataset, prefix: "/api");
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUrl };
        using var bare = await noRedirect.GetAsync("/api");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/api/", bare.Headers.Location?.OriginalString);
        using var page = await noRedirect.GetAsync("/api/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        using var js = await noRedirect.GetAsync("/api/console/api.js");
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        using var root = await noRedirect.GetAsync("/console/api.js");
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
    }
}
