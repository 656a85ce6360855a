using System.IO.Compression;
using System.Net;
using System.Text;
using Pangy.Core;
using Pangy.Core.Formats.Npy;
using static Pangy.Query.Tests.Http;

namespace Pangy.Query.Tests;

/// <summary>
/// The reference's security cases (§8.4, tests/routes/test_security.py), and the same for the dataset (<c>db</c>) and
/// <c>sample</c> parameters: traversal attempts and unknown names are refused before any file is read, always with a
/// JSON body.
/// </summary>
public sealed class SecurityTests : IDisposable
{
    private const string ValidChrom = "chr1";
    private const string Ref = "testRef";
    private readonly string _root;
    private readonly QueryAppFactory _factory;
    private readonly HttpClient _client;

    public static readonly TheoryData<string> FileRoutes = new() { "/skeleton", "/skeleton-bin", "/spine", "/polychain-data", "/graph-meta" };

    public static readonly TheoryData<string> Traversal = new()
    {
        "../../../../../../etc/passwd", "../../wsgi", "..%2f..%2f..%2fetc%2fpasswd", "/etc/passwd", "chr1/../../../etc/passwd",
    };

    public SecurityTests()
    {
        // A datastore whose files exist only for chr1 (fakes, as in the reference's test), plus a bare chrM.
        _root = Directory.CreateTempSubdirectory("pangy-sec").FullName;
        string chr = Path.Combine(_root, "graphs", "testdb", ValidChrom);
        Directory.CreateDirectory(Path.Combine(chr, "skeleton"));
        File.WriteAllBytes(Path.Combine(chr, "skeleton", "meta.json.gz"), Gzip("{\"levels\":[]}"));
        File.WriteAllBytes(Path.Combine(chr, "skeleton", "polylines.bin.gz"), Gzip("\0\u0001"));
        File.WriteAllBytes(Path.Combine(chr, "skeleton", $"spine-{Ref}.json.gz"), Gzip("{\"points\":[]}"));
        File.WriteAllBytes(Path.Combine(chr, "polychain-data.json.gz"), Gzip("{\"chains\":[]}"));
        File.WriteAllText(Path.Combine(chr, "meta.json"), "{\"total_segments\":1}");
        foreach (var c in new[] { ValidChrom, "chrM" })
        {
            string steps = Path.Combine(_root, "graphs", "testdb", c, "steps.mmapindex");
            Directory.CreateDirectory(steps);
            foreach (var n in new[] { "starts", "ends", "segments" }) NpyWriter.WriteFile<uint>(Path.Combine(steps, n + ".npy"), []);
            File.WriteAllText(Path.Combine(steps, "meta.json"), $"{{\"version\": \"{PangyVersion.Current}\", \"length\": 0, \"genome\": \"{Ref}\"}}");
        }
        // A file outside the datastore that a traversal would reach.
        File.WriteAllText(Path.Combine(_root, "secret.txt"), "secret");
        _factory = new QueryAppFactory(_root);
        _client = _factory.CreateClient();
    }

    private static byte[] Gzip(string text)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }

    [Theory]
    [MemberData(nameof(FileRoutes))]
    public async Task Valid_chromosome_passes(string route)
    {
        using var resp = await _client.GetAsync($"{route}?chromosome={ValidChrom}");
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
    }

    [Fact]
    public async Task Stored_gzip_files_are_streamed_as_is()
    {
        using var resp = await _client.GetAsync($"/skeleton-bin?chromosome={ValidChrom}");
        Assert.Equal("gzip", Assert.Single(resp.Content.Headers.ContentEncoding));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "graphs", "testdb", ValidChrom, "skeleton", "polylines.bin.gz")), await resp.Content.ReadAsByteArrayAsync());
        var meta = await _client.Json($"/graph-meta?chromosome={ValidChrom}");
        Assert.Equal(1, meta.GetProperty("total_segments").GetInt32());
    }

    [Theory]
    [MemberData(nameof(FileRoutes))]
    public async Task Missing_files_answer_as_the_reference(string route)
    {
        var expected = route is "/polychain-data" or "/graph-meta" ? 200 : 404;
        var body = await _client.Json($"{route}?chromosome=chrM", expected);
        if (expected == 200) Assert.Empty(body.EnumerateObject());
        else AssertError(body);
    }

    [Theory]
    [MemberData(nameof(FileRoutes))]
    public async Task Traversal_chromosome_is_400(string route)
    {
        foreach (var evil in Traversal)
            AssertError(await _client.Json($"{route}?chromosome={evil}", 400));
    }

    [Theory]
    [MemberData(nameof(FileRoutes))]
    public async Task Unknown_and_missing_chromosome_are_400(string route)
    {
        AssertError(await _client.Json($"{route}?chromosome=chrDOESNOTEXIST", 400));
        AssertError(await _client.Json(route, 400));
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("foo/../../bar")]
    public async Task Spine_ref_traversal_is_400(string evil)
    {
        AssertError(await _client.Json($"/spine?chromosome={ValidChrom}&ref={E(evil)}", 400));
    }

    [Fact]
    public async Task Spine_valid_ref_passes_and_unknown_ref_is_404()
    {
        using var resp = await _client.GetAsync($"/spine?chromosome={ValidChrom}&ref={Ref}");
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        AssertError(await _client.Json($"/spine?chromosome={ValidChrom}&ref=otherRef", 404));
    }

    public static readonly TheoryData<string> DbRoutes = new()
    {
        "/skeleton?chromosome=chr1", "/graph-meta?chromosome=chr1", "/samples", "/select?chromosome=chr1&start=1&end=2",
        "/path-meta?chromosome=chr1&sample=x", "/path-data?chromosome=chr1&sample=x", "/chromosomes?noncanonical=true", "/pathorder?chromosome=chr1",
    };

    [Theory]
    [MemberData(nameof(DbRoutes))]
    public async Task Traversal_db_is_400_and_unknown_db_404(string route)
    {
        foreach (var evil in Traversal)
            AssertError(await _client.Json($"{route}&db={evil}".Replace("?&", "?", StringComparison.Ordinal).Replace("/samples&", "/samples?", StringComparison.Ordinal), 400));
        AssertError(await _client.Json($"{route}&db=nosuchdb".Replace("/samples&", "/samples?", StringComparison.Ordinal), 404));
    }

    [Theory]
    [InlineData("/select?genome=x&start=1&end=2")]
    [InlineData("/pop?id=b1")]
    [InlineData("/pathorder?genome=x")]
    [InlineData("/path-meta?sample=x")]
    [InlineData("/path-data?sample=x")]
    [InlineData("/chain-graph?id=c1")]
    [InlineData("/detail-tiles?start=1&end=2&ppbp=1&layout_min_x=0&layout_max_x=1")]
    public async Task Graph_routes_refuse_traversal_chromosomes_with_400(string route)
    {
        foreach (var evil in Traversal)
            AssertError(await _client.Json($"{route}&chromosome={evil}", 400));
        AssertError(await _client.Json($"{route}&chromosome=chrDOESNOTEXIST", 404));
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_json()
    {
        AssertError(await _client.Json("/no/such/route", 404));
        AssertError(await _client.Json("/etc/passwd", 404));
        using var resp = await _client.GetAsync("/gfa");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, resp.StatusCode);
        Assert.Contains("error", await resp.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Debug_log_is_404()
    {
        using var resp = await _client.PostAsync("/debug-log", new StringContent("{\"sessionId\":\"../../../../tmp/pwned\",\"event\":\"POP\"}"));
        Assert.Equal(HttpStatusCode.NotFound, resp.StatusCode);
        Assert.False(Directory.EnumerateFiles(_root, "*.jsonl", SearchOption.AllDirectories).Any());
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
