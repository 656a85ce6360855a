using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Data.Sqlite;
using Pangy.Core.Annotations;
using Pangy.Core.Bubbles;
using Pangy.Core.Build;
using Pangy.Core.Datastore;
using Pangy.Core.Query;
using Pangy.Core.Skeleton;
using Pangy.Http;

namespace Pangy.Query.Tests;

/// <summary>Paths of the bundled test data.</summary>
internal static class TestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);
    public const string Drb1Ref = "gi|568815592";
    public const string Chrom = "DRB1";
}

/// <summary>
/// A temporary datastore built once for all route tests: DRB1-3123 through the chromosome build, the bubble stage and
/// the skeleton stage into <c>graphs/_default_/DRB1</c> (with path block files), a copy without block files in <c>graphs/second/DRB1</c>,
/// a chromosome without bubbles in <c>graphs/second/nobubbles</c>, and the DRB1 GFF3 fixture as the annotation set of
/// the reference. Bubbles, skeleton and polychains are built by their stages.
/// </summary>
public sealed class QueryFixture : IDisposable
{
    public QueryFixture()
    {
        Root = Directory.CreateTempSubdirectory("pangy-query").FullName;
        string baseDir = Path.Combine(Root, "graphs", "_default_", TestData.Chrom);
        ChromosomeBuilder.BuildAsync(InputFile.FromPath(TestData.Path("drb1", "DRB1-3123.gfa")), InputFile.FromPath(TestData.Path("drb1", "DRB1-3123.lay.tsv")),
            new ChromosomeBuildOptions { Reference = TestData.Drb1Ref }, baseDir).GetAwaiter().GetResult();
        CopyDirectory(baseDir, Path.Combine(Root, "graphs", "second", "nobubbles"));
        BubbleStage.Run(baseDir);
        SkeletonStage.Run(baseDir, TestData.Chrom);
        CopyDirectory(baseDir, Path.Combine(Root, "graphs", "second", TestData.Chrom));
        PathBlockIndex.Build(baseDir);
        ChromosomeDir = baseDir;
        AnnotationImport.Run(TestData.Path("drb1", "drb1_annotations.gff3"), Path.Combine(Root, "annotations", FileNames.Escape(TestData.Drb1Ref), "fixture"));
        Factory = new QueryAppFactory(Root);
        Client = Factory.CreateClient();
        Bubbles = LoadBubbles(Path.Combine(baseDir, "bubbles.db"));
    }

    public string Root { get; }
    public string ChromosomeDir { get; }
    public QueryAppFactory Factory { get; }
    public HttpClient Client { get; }

    /// <summary>Every row of bubbles.db, read with Microsoft.Data.Sqlite (independent of the code under test).</summary>
    public IReadOnlyList<TestBubble> Bubbles { get; }

    /// <summary>The bubble whose ends include both segments.</summary>
    public TestBubble BubbleWithEnds(int a, int b) =>
        Bubbles.Single(x => x.Ends.Contains(a) && x.Ends.Contains(b));

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.EnumerateDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }

    private static List<TestBubble> LoadBubbles(string db)
    {
        var list = new List<TestBubble>();
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, chain, chain_step, parent, children, source, sink, inside, range_exclusive, range_inclusive FROM bubbles ORDER BY id";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new TestBubble(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetInt32(3),
                Ints(r.GetString(4)), Ints(r.GetString(5)), Ints(r.GetString(6)), Ints(r.GetString(7)), Pairs(r.GetString(8)), Pairs(r.GetString(9))));
        }
        return list;
    }

    private static int[] Ints(string json) => JsonSerializer.Deserialize<int[]>(json)!;
    private static (int, int)[] Pairs(string json) => JsonSerializer.Deserialize<int[][]>(json)!.Select(p => (p[0], p[1])).ToArray();

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A bubbles.db row as the tests see it.</summary>
public sealed record TestBubble(int Id, int Chain, int ChainStep, int? Parent, int[] Children, int[] Source, int[] Sink, int[] Inside,
    (int, int)[] RangeExclusive, (int, int)[] RangeInclusive)
{
    public int[] Ends => [.. Source, .. Sink];
}

/// <summary>
/// What <c>pangy serve</c> runs (<see cref="QueryWebApp"/>, the minimal-API mapping of the shared handlers) over a
/// datastore folder, on an in-memory test server, with optional extra settings.
/// </summary>
public sealed class QueryAppFactory : IDisposable
{
    private readonly WebApplication _app;

    public QueryAppFactory(string root, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Pangy:Dir"] = root, ["Pangy:Organism"] = "human-hg38" };
        if (settings is not null)
            foreach (var (k, v) in settings) all[k] = v;
        _app = QueryWebApp.Create([], configureBuilder: b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration.AddInMemoryCollection(all);
        });
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public IServiceProvider Services => _app.Services;

    public HttpClient CreateClient() => _app.GetTestClient();

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class QueryCollection : ICollectionFixture<QueryFixture>
{
    public const string Name = "query datastore";
}

/// <summary>Helpers for reading responses.</summary>
internal static class Http
{
    public static async Task<JsonElement> Json(this HttpClient client, string url, int expectedStatus = 200)
    {
        using var resp = await client.GetAsync(url);
        string body = await resp.Content.ReadAsStringAsync();
        Assert.True((int)resp.StatusCode == expectedStatus, $"{url}: status {(int)resp.StatusCode}, expected {expectedStatus}: {Cut(body)}");
        Assert.StartsWith("application/json", resp.Content.Headers.ContentType?.MediaType ?? "");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    public static async Task<JsonElement> PostJson(this HttpClient client, string url, object body, int expectedStatus = 200)
    {
        using var resp = await client.PostAsync(url, new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"));
        string text = await resp.Content.ReadAsStringAsync();
        Assert.True((int)resp.StatusCode == expectedStatus, $"{url}: status {(int)resp.StatusCode}, expected {expectedStatus}: {Cut(text)}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Asserts a JSON error body: an object with a non-empty "error" string.</summary>
    public static void AssertError(JsonElement body)
    {
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }

    public static string E(string s) => Uri.EscapeDataString(s);

    private static string Cut(string s) => s.Length > 400 ? s[..400] + "…" : s;
}
