using Pangy.Testing;

namespace Pangy.Infra.Tests;

/// <summary>One of the three Function apps: its folder, its project and the name deploy/package.sh gives it.</summary>
public sealed record FunctionAppProject(string Key, string Folder, string AssemblyName)
{
    public static FunctionAppProject Ingest { get; } = new("ingest", "Ingest", "Pangy.Functions.Ingest");
    public static FunctionAppProject Skeleton { get; } = new("skeleton", "Skeleton", "Pangy.Functions.Skeleton");
    public static FunctionAppProject Query { get; } = new("query", "Query", "Pangy.Functions.Query");

    public static IReadOnlyList<FunctionAppProject> All { get; } = [Ingest, Skeleton, Query];

    public static FunctionAppProject Of(string key) => All.Single(a => a.Key == key);

    public string ProjectPath => RepoPaths.Of("functions", Folder, AssemblyName + ".csproj");

    /// <summary>An isolated-worker app, which the Functions SDK can package (the apps are being converted).</summary>
    public bool IsWorkerApp => File.ReadAllText(ProjectPath).Contains("Microsoft.Azure.Functions.Worker.Sdk", StringComparison.Ordinal);

    /// <summary>The package deploy/package.sh writes for this app into a folder.</summary>
    public string PackageIn(string folder) => Path.Combine(folder, $"pangy-{Key}.zip");
}
