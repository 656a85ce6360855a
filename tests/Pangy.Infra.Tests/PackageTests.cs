using Pangy.Core.Pipeline;
using System.Text.Json;

namespace Pangy.Infra.Tests;

/// <summary>
/// The apps' deployment packages, built by deploy/package.sh: the layout the Functions host loads on Flex
/// Consumption, exactly the functions, triggers, queues and routes of the pipeline contract, and the same bytes
/// from the same sources.
/// </summary>
public sealed class PackageTests(AppPackages packages) : IClassFixture<AppPackages>
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [WorkerAppFact("ingest")]
    public Task Ingest_package_is_what_the_host_loads() => AssertHostLayoutAsync(FunctionAppProject.Ingest);

    [WorkerAppFact("skeleton")]
    public Task Skeleton_package_is_what_the_host_loads() => AssertHostLayoutAsync(FunctionAppProject.Skeleton);

    [WorkerAppFact("query")]
    public Task Query_package_is_what_the_host_loads() => AssertHostLayoutAsync(FunctionAppProject.Query);

    [WorkerAppFact("ingest")]
    public Task Ingest_runs_exactly_its_three_queue_functions() => AssertQueueFunctionsAsync(FunctionAppProject.Ingest, new()
    {
        ["OnUpload"] = PipelineNames.UploadsQueue,
        ["BuildChromosome"] = PipelineNames.BuildsQueue,
        ["BuildAnnotations"] = PipelineNames.AnnotationsQueue,
    });

    [WorkerAppFact("skeleton")]
    public Task Skeleton_runs_exactly_BuildSkeleton() => AssertQueueFunctionsAsync(FunctionAppProject.Skeleton, new()
    {
        ["BuildSkeleton"] = PipelineNames.SkeletonsQueue,
    });

    [WorkerAppFact("query")]
    public async Task Query_serves_the_reference_routes_with_anonymous_http_functions_only()
    {
        using var package = new AppPackage(await packages.PackageOfAsync(FunctionAppProject.Query));
        var routes = new List<string>();
        foreach (var function in package.Functions)
        {
            string name = function.GetProperty("name").GetString()!;
            var bindings = function.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "In");
            Assert.True(trigger.GetProperty("type").GetString() == "httpTrigger", $"{name} is not an HTTP function");
            // Entra ID sign-in (App Service authentication) guards the app; no function key on top of it.
            Assert.True(trigger.GetProperty("authLevel").GetString() == "Anonymous", $"{name} wants a function key");
            Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
            string route = trigger.GetProperty("route").GetString() ?? "";
            Assert.False(route.StartsWith("api/", StringComparison.Ordinal), $"{name}: {route}");
            foreach (var method in trigger.GetProperty("methods").EnumerateArray())
                routes.Add($"{method.GetString()!.ToUpperInvariant()} {route}");
        }
        Assert.Equal(routes.Count, routes.Distinct().Count());
        var missing = QueryRoutes.Required.Except(routes).ToList();
        Assert.True(missing.Count == 0, "routes without a function: " + string.Join(", ", missing));

        // Routes are the reference's paths: no "api/" prefix in front of them.
        var http = package.Json("host.json").GetProperty("extensions").GetProperty("http");
        Assert.Equal("", http.GetProperty("routePrefix").GetString());
    }

    // One app suffices: every app goes through the same publish and zip steps, and a second publish of all three
    // would double the suite's slowest part.
    [WorkerAppFact("skeleton", "ingest", "query")]
    public async Task A_package_has_the_same_bytes_when_built_again()
    {
        var app = FunctionAppProject.All.Where(a => a.IsWorkerApp).MinBy(a => a.Key == "skeleton" ? 0 : 1)!;
        byte[] first = await File.ReadAllBytesAsync(await packages.PackageOfAsync(app));
        byte[] second = await File.ReadAllBytesAsync(await packages.RepackagedAsync(app));
        Assert.True(first.AsSpan().SequenceEqual(second), $"{app.Key}: two packagings of the same sources differ");
    }

    private async Task AssertHostLayoutAsync(FunctionAppProject app)
    {
        using var package = new AppPackage(await packages.PackageOfAsync(app));
        string assembly = app.AssemblyName + ".dll";
        foreach (string required in new[] { "host.json", "functions.metadata", "worker.config.json", assembly, app.AssemblyName + ".runtimeconfig.json" })
            Assert.True(package.Has(required), $"{app.Key}: no {required} at the zip's root");
        Assert.Contains(package.EntryNames, n => n.StartsWith(".azurefunctions/", StringComparison.Ordinal));
        Assert.Contains(".azurefunctions/function.deps.json", package.EntryNames);

        // The worker the host starts: `dotnet <assembly>` of this app.
        var worker = package.Json("worker.config.json").GetProperty("description");
        Assert.Equal("dotnet-isolated", worker.GetProperty("language").GetString());
        Assert.Equal("dotnet", worker.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(assembly, worker.GetProperty("defaultWorkerPath").GetString());
        Assert.All(package.Functions, f => Assert.Equal(assembly, f.GetProperty("scriptFile").GetString()));

        // Framework-dependent on .NET 10 (so neither self-contained nor trimmed, which needs self-contained).
        var runtime = package.Json(app.AssemblyName + ".runtimeconfig.json").GetProperty("runtimeOptions");
        Assert.False(runtime.TryGetProperty("includedFrameworks", out _), $"{app.Key} is self-contained");
        var frameworks = runtime.TryGetProperty("frameworks", out var many) ? many.EnumerateArray().ToList() : [runtime.GetProperty("framework")];
        Assert.NotEmpty(frameworks);
        Assert.All(frameworks, f => Assert.StartsWith("10.", f.GetProperty("version").GetString()));
        Assert.DoesNotContain(package.EntryNames, n => n.EndsWith("libcoreclr.so", StringComparison.Ordinal));

        var host = package.Json("host.json");
        Assert.Equal("2.0", host.GetProperty("version").GetString());

        // Deterministic zip: sorted entries, one fixed timestamp.
        Assert.Equal(package.EntryNames.Order(StringComparer.Ordinal), package.EntryNames);
        Assert.All(package.Entries, e => Assert.Equal(FixedTime.DateTime, e.LastWriteTime.DateTime));
    }

    private async Task AssertQueueFunctionsAsync(FunctionAppProject app, Dictionary<string, string> expected)
    {
        using var package = new AppPackage(await packages.PackageOfAsync(app));
        var snapshot = DeploymentSnapshot.Load();
        string account = DeploymentSnapshot.Name(snapshot.AccountWithContainer(PipelineNames.UploadsContainer));
        var deployedQueues = snapshot.ChildNames(account, "Microsoft.Storage/storageAccounts/queueServices/queues");

        var found = new Dictionary<string, string>();
        foreach (var function in package.Functions)
        {
            string name = function.GetProperty("name").GetString()!;
            var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            Assert.True(trigger.GetProperty("type").GetString() == "queueTrigger", $"{app.Key}/{name} is triggered by {trigger.GetProperty("type")}");
            Assert.Equal(PipelineNames.Connection, trigger.GetProperty("connection").GetString());
            string queue = trigger.GetProperty("queueName").GetString()!;
            found[name] = queue;
            // The queue, and where the host moves what fails, are deployed by the template.
            Assert.Contains(queue, deployedQueues);
            Assert.Contains(PipelineNames.PoisonQueue(queue), deployedQueues);
        }
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), found.OrderBy(p => p.Key, StringComparer.Ordinal));

        // Event Grid writes base64 messages; a mismatch would send every upload to the poison queue.
        var queues = package.Json("host.json").GetProperty("extensions").GetProperty("queues");
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }
}
