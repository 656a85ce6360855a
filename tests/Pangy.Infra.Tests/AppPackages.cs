using Pangy.Testing;

namespace Pangy.Infra.Tests;

/// <summary>
/// The packages of every isolated-worker app, built by deploy/package.sh once per test run into a temporary folder
/// (one script run for all apps: publishing dominates the time), and an app once more on demand for the determinism check.
/// </summary>
public sealed class AppPackages : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pangy-packages-").FullName;
    private readonly Lazy<Task<string>> _first;

    public AppPackages() => _first = new(() => PackageAsync("first"));

    /// <summary>The app's package from the first run.</summary>
    public async Task<string> PackageOfAsync(FunctionAppProject app) => app.PackageIn(await _first.Value);

    /// <summary>The app's package from a second run of the script on the same sources (this app only).</summary>
    public async Task<string> RepackagedAsync(FunctionAppProject app)
    {
        await _first.Value;
        return app.PackageIn(await PackageAsync($"again-{app.Key}", [app.Key]));
    }

    private Task<string> PackageAsync(string name) =>
        PackageAsync(name, FunctionAppProject.All.Where(a => a.IsWorkerApp).Select(a => a.Key).ToList());

    private async Task<string> PackageAsync(string name, IReadOnlyList<string> apps)
    {
        string outDir = Path.Combine(_root, name);
        var result = await Command.RunAsync("bash", [InfraFiles.PackageScript, "-o", outDir, .. apps], RepoPaths.Root,
            timeout: TimeSpan.FromMinutes(15));
        Assert.True(result.ExitCode == 0, "deploy/package.sh failed:\n" + result);
        return outDir;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
