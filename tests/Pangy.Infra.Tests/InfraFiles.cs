using Pangy.Testing;

namespace Pangy.Infra.Tests;

/// <summary>Where the deployment's files are in the repository.</summary>
public static class InfraFiles
{
    public static string BicepFolder => RepoPaths.Of("infra", "bicep");
    public static string MainTemplate => Path.Combine(BicepFolder, "main.bicep");
    public static string ExampleParameters => Path.Combine(BicepFolder, "main.bicepparam");
    public static string Snapshot => Path.Combine(BicepFolder, "main.snapshot.json");
    public static string SnapshotScript => Path.Combine(BicepFolder, "snapshot.sh");
    public static string PackageScript => RepoPaths.Of("deploy", "package.sh");

    /// <summary>Every Bicep source: the main template and its local modules.</summary>
    public static IReadOnlyList<string> BicepSources =>
        Directory.GetFiles(BicepFolder, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
}
