using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pangy.Functions.Query.Functions;
using Pangy.Http;
using Pangy.Http.Responses;

namespace Pangy.Query.Tests.Functions;

/// <summary>
/// The Query Function app's <c>[Function]</c> methods called directly (there is no Functions host here) with a real
/// <see cref="DefaultHttpContext"/> request over the DRB1 fixture datastore, their results executed as the ASP.NET Core
/// integration executes them, and compared byte for byte (status, content headers, body) with what <c>pangy serve</c>'s
/// minimal-API app answers to the same request.
/// </summary>
[Collection(QueryCollection.Name)]
public sealed class FunctionInvocationTests(QueryFixture f) : IDisposable
{
    private static readonly string Q = $"genome={Http.E(TestData.Drb1Ref)}&chromosome={TestData.Chrom}";

    private readonly QueryServer _server = new(new QueryServerOptions { Dir = f.Root, Organism = "human-hg38" });
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public static TheoryData<string, string> GetRequests() => new()
    {
        { nameof(GraphFunctions.Select), $"/select?{Q}&start=32580000&end=32585000" },
        { nameof(GraphFunctions.Select), $"/select?{Q}&start=abc&end=1" },
        { nameof(GraphFunctions.Pop), $"/pop?{Q}&id=b2" },
        { nameof(GraphFunctions.ChainGraph), $"/chain-graph?{Q}&id=c1" },
        { nameof(GraphFunctions.BubbleMeta), $"/bubble-meta?chromosome={TestData.Chrom}&chain_id=c1" },
        { nameof(GraphFunctions.DetailTiles), $"/detail-tiles?{Q}&start=32578769&end=32589836&ppbp=0.01&layout_min_x=1000&layout_max_x=14000" },
        { nameof(PathFunctions.PathData), $"/path-data?chromosome={TestData.Chrom}&sample={Http.E(TestData.Drb1Ref)}&index=0" },
        { nameof(PathFunctions.PathData), $"/path-data?{Q}&sample={Http.E(TestData.Drb1Ref)}&index=0&start=32580000&end=32585000" },
        { nameof(PathFunctions.PathMeta), $"/path-meta?chromosome={TestData.Chrom}&sample=nobody" },
        { nameof(SkeletonFileFunctions.Skeleton), $"/skeleton?chromosome={TestData.Chrom}" },
        { nameof(SkeletonFileFunctions.Spine), "/spine?chromosome=..%2F..%2Fetc" },
        { nameof(ReferenceFunctions.Samples), "/samples" },
        { nameof(ReferenceFunctions.Genes), $"/genes?{Q.Replace(TestData.Chrom, "chr6")}&start=32578000&end=32590000" },
        { nameof(ReferenceFunctions.Chromosomes), "/chromosomes?noncanonical=true&db=second" },
        { nameof(DatasetFunctions.Datasets), "/datasets" },
        { nameof(ViewerFunctions.Index), "/" },
        { nameof(ViewerFunctions.Simplify), "/simplify" },
        { nameof(AssetFunctions.Assets), "/assets" },
        { nameof(AssetFunctions.ChromSizes), "/chrom-sizes?genome=no-such-genome" },
        { nameof(AssetFunctions.Sequence), "/sequence?genome=no-such-genome&chromosome=chr1&start=1&end=10" },
    };

    [Theory]
    [MemberData(nameof(GetRequests))]
    public async Task A_function_answers_what_pangy_serve_answers(string function, string url)
    {
        var fromServe = await Serve(HttpMethods.Get, url, null, null);
        var fromFunction = await Invoke(function, HttpMethods.Get, url, null, null);
        AssertSame(fromServe, fromFunction, url);
    }

    [Theory]
    [InlineData("app.js")]
    [InlineData("no-such-file.js")]
    public async Task A_console_file_is_the_same_bytes(string file)
    {
        string url = "/console/" + file;
        var fromServe = await Serve(HttpMethods.Get, url, null, null);
        var context = NewContext(HttpMethods.Get, url, null, null, out var body);
        var result = await new ViewerFunctions(_server).ConsoleFile(context.Request, file);
        await result.ExecuteAsync(context);
        AssertSame(fromServe, await ReadAsync(context, body), url);
    }

    [Fact]
    public async Task Deflated_select_is_the_same_bytes()
    {
        string url = $"/select?{Q}&start=32579000&end=32586000";
        // Each read model answers identity JSON while it prepares a chromosome's fragments after the first compressed
        // request: ask both until they compress (a few seconds at most on DRB1).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Answer fromServe, fromFunction;
        do
        {
            fromServe = await Serve(HttpMethods.Get, url, null, "gzip, deflate");
            fromFunction = await Invoke(nameof(GraphFunctions.Select), HttpMethods.Get, url, null, "gzip, deflate");
            if (Deflated(fromServe) && Deflated(fromFunction)) break;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.True(Deflated(fromServe) && Deflated(fromFunction), "the answers never came deflated");
        AssertSame(fromServe, fromFunction, url);

        static bool Deflated(Answer a) => a.Headers.GetValueOrDefault("Content-Encoding") == "deflate";
    }

    [Theory]
    [InlineData(nameof(ExportFunctions.Gfa), "/gfa", """{"genome": "gi|568815592", "chromosome": "DRB1", "bubble_ids": [2, 5]}""")]
    [InlineData(nameof(ExportFunctions.Layout), "/layout", """{"genome": "gi|568815592", "chromosome": "DRB1", "bubble_ids": [2], "polylines": {"s11": [[0, 0], [5, 0]]}}""")]
    [InlineData(nameof(ExportFunctions.Gfa), "/gfa", """{"chromosome": "DRB1"}""")]
    [InlineData(nameof(GraphFunctions.BubbleMetaBatch), "/bubble-meta-batch", """{"chromosome": "DRB1", "chain_ids": ["c1", "c2"]}""")]
    public async Task A_post_function_answers_what_pangy_serve_answers(string function, string url, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        var fromServe = await Serve(HttpMethods.Post, url, bytes, null);
        var fromFunction = await Invoke(function, HttpMethods.Post, url, bytes, null);
        AssertSame(fromServe, fromFunction, url);
    }

    private sealed record Answer(int Status, Dictionary<string, string> Headers, byte[] Body);

    /// <summary>The headers a client acts on (the transport's own, such as Date, differ by nature).</summary>
    private static readonly string[] ContentHeaders = ["Content-Type", "Content-Encoding", "Content-Disposition", "Content-Length", "Vary", "Location", "ETag", "Cache-Control"];

    private static void AssertSame(Answer expected, Answer actual, string url)
    {
        Assert.True(expected.Status == actual.Status, $"{url}: status {actual.Status}, pangy serve {expected.Status}");
        Assert.Equal(expected.Headers, actual.Headers);
        Assert.True(expected.Body.AsSpan().SequenceEqual(actual.Body), $"{url}: bodies differ ({actual.Body.Length} vs {expected.Body.Length} bytes)");
    }

    private async Task<Answer> Serve(string method, string url, byte[]? body, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await f.Client.SendAsync(request);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in response.Headers.Concat(response.Content.Headers))
            if (ContentHeaders.Contains(k, StringComparer.OrdinalIgnoreCase)) headers[k] = string.Join(", ", v);
        return new Answer((int)response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>
    /// Calls the function method named <paramref name="function"/> as the worker would, then executes its result the way
    /// the ASP.NET Core integration does; an exception becomes what the app's <c>JsonErrorMiddleware</c> sets.
    /// </summary>
    private async Task<Answer> Invoke(string function, string method, string url, byte[]? body, string? acceptEncoding)
    {
        var context = NewContext(method, url, body, acceptEncoding, out var responseBody);
        var (instance, target) = FindFunction(function);
        IResult result;
        try
        {
            object? returned = target.Invoke(instance, [context.Request]);
            result = returned switch
            {
                Task<IResult> task => await task,
                IResult r => r,
                _ => throw new InvalidOperationException($"{function} returned {returned?.GetType().Name ?? "null"}"),
            };
        }
        catch (Exception e)
        {
            var thrown = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
            result = ErrorResponses.For(thrown is AggregateException { InnerException: { } i } ? i : thrown);
        }
        await result.ExecuteAsync(context);
        return await ReadAsync(context, responseBody);
    }

    /// <summary>A request as the ASP.NET Core integration hands it to a function, with a response body to read back.</summary>
    private DefaultHttpContext NewContext(string method, string url, byte[]? body, string? acceptEncoding, out MemoryStream responseBody)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        var request = context.Request;
        request.Method = method;
        int q = url.IndexOf('?');
        request.Path = q < 0 ? url : url[..q];
        request.QueryString = q < 0 ? QueryString.Empty : new QueryString(url[q..]);
        if (body is not null)
        {
            request.Body = new MemoryStream(body);
            request.ContentLength = body.Length;
            request.ContentType = "application/json";
        }
        if (acceptEncoding is not null) request.Headers.AcceptEncoding = acceptEncoding;
        responseBody = new MemoryStream();
        context.Response.Body = responseBody;
        return context;
    }

    private static async Task<Answer> ReadAsync(DefaultHttpContext context, MemoryStream responseBody)
    {
        await context.Response.BodyWriter.FlushAsync();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in context.Response.Headers)
            if (ContentHeaders.Contains(k, StringComparer.OrdinalIgnoreCase)) headers[k] = v.ToString();
        if (context.Response.ContentLength is { } length) headers["Content-Length"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Answer(context.Response.StatusCode, headers, responseBody.ToArray());
    }

    /// <summary>The function class instance and method carrying <c>[Function(name)]</c>.</summary>
    private (object, System.Reflection.MethodInfo) FindFunction(string name)
    {
        foreach (var type in typeof(GraphFunctions).Assembly.GetExportedTypes())
            foreach (var m in type.GetMethods())
                if (m.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.FunctionAttribute), false) is [Microsoft.Azure.Functions.Worker.FunctionAttribute a] && a.Name == name)
                    return (Activator.CreateInstance(type, _server)!, m);
        throw new InvalidOperationException($"no [Function(\"{name}\")]");
    }

    public void Dispose()
    {
        _server.Dispose();
        _services.Dispose();
    }
}
