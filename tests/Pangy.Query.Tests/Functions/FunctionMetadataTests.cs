using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.AspNetCore.Routing.Template;
using Pangy.Functions.Query.Functions;

namespace Pangy.Query.Tests.Functions;

/// <summary>
/// The Query Function app as the Functions host would load it: the build's <c>functions.metadata</c> (written by the
/// worker SDK from the <c>[Function]</c> attributes), <c>worker.config.json</c>, the extension folder and
/// <c>host.json</c>. Every route of the reference (pangyplot-reference.md §8.2) and Pangy's own must be an anonymous
/// HTTP function with the right methods and route, and nothing else may be there.
/// </summary>
public sealed class FunctionMetadataTests
{
    /// <summary>route → method, from the reference's route table (§8.2) plus Pangy's own routes (docs/query-api.md, docs/console.md).</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        // §8.2
        [ViewerFunctions.RootRoute] = "get",
        ["simplify"] = "get",
        ["chromosomes"] = "get",
        ["cytoband"] = "get",
        ["samples"] = "get",
        ["genes"] = "get",
        ["search"] = "get",
        ["skeleton"] = "get",
        ["skeleton-bin"] = "get",
        ["spine"] = "get",
        ["polychain-data"] = "get",
        ["graph-meta"] = "get",
        ["detail-tiles"] = "get",
        ["chain-graph"] = "get",
        ["bubble-meta"] = "get",
        ["bubble-meta-batch"] = "post",
        ["select"] = "get",
        ["pop"] = "get",
        ["path-meta"] = "get",
        ["path-data"] = "get",
        ["pathorder"] = "get",
        ["gfa"] = "post",
        ["layout"] = "post",
        ["debug-log"] = "post",
        // Pangy's own, and the web console's files
        ["console/{file}"] = "get",
        ["datasets"] = "get",
        ["datasets/{db}/status"] = "get",
        ["gene"] = "get",
        ["health"] = "get",
        // genome assets (docs/assets.md)
        ["assets"] = "get",
        ["sequence"] = "get",
        ["chrom-sizes"] = "get",
    };

    /// <summary>The Function app's build output (same configuration and framework as this test assembly).</summary>
    private static string AppOutput(params string[] parts)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = testBin.Name, configuration = testBin.Parent!.Name;
        return Path.Combine([Pangy.Testing.RepoPaths.Of("functions", "Query", "bin", configuration, framework), .. parts]);
    }

    [Fact]
    public void Every_reference_route_is_one_anonymous_http_function_and_nothing_else_is_there()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(AppOutput("functions.metadata")));
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var function in doc.RootElement.EnumerateArray())
        {
            string name = function.GetProperty("name").GetString()!;
            Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
            Assert.Equal("Pangy.Functions.Query.dll", function.GetProperty("scriptFile").GetString());
            var bindings = function.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "In");
            Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
            string route = trigger.GetProperty("route").GetString()!;
            string method = Assert.Single(trigger.GetProperty("methods").EnumerateArray()).GetString()!;
            var output = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "Out");
            Assert.Equal("http", output.GetProperty("type").GetString());
            Assert.Equal("$return", output.GetProperty("name").GetString());
            Assert.True(seen.TryAdd(route, method), $"route '{route}' is declared twice (function {name})");
        }
        Assert.Equal(Expected.OrderBy(x => x.Key, StringComparer.Ordinal), seen.OrderBy(x => x.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_root_route_matches_only_the_site_root()
    {
        // The host builds its routes with ASP.NET Core's template syntax: one optional parameter that must be empty.
        var template = TemplateParser.Parse(ViewerFunctions.RootRoute);
        var parameter = Assert.Single(Assert.Single(template.Segments).Parts);
        Assert.True(parameter.IsParameter && parameter.IsOptional);
        Assert.Equal("maxlength(0)", Assert.Single(parameter.InlineConstraints).Constraint);
        Assert.True(new TemplateMatcher(template, []).TryMatch("/", []));
        var constraint = new MaxLengthRouteConstraint(0);
        Assert.False(constraint.Match(null, null, parameter.Name!, new RouteValueDictionary { [parameter.Name!] = "select" }, RouteDirection.IncomingRequest));
    }

    [Fact]
    public void The_host_gets_paths_equal_to_the_reference_and_the_worker_files()
    {
        using var host = JsonDocument.Parse(File.ReadAllBytes(AppOutput("host.json")));
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        using var worker = JsonDocument.Parse(File.ReadAllBytes(AppOutput("worker.config.json")));
        var description = worker.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("Pangy.Functions.Query.dll", description.GetProperty("defaultWorkerPath").GetString());
        Assert.True(File.Exists(AppOutput(".azurefunctions", "function.deps.json")), "the WebJobs extension folder .azurefunctions/ is missing");
    }
}
