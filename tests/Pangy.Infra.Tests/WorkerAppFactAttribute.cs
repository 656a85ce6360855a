namespace Pangy.Infra.Tests;

/// <summary>
/// A test of one app's package; skipped, saying why, while the app's project is not yet an isolated-worker
/// Function app (no Microsoft.Azure.Functions.Worker.Sdk reference), since there is no package to build then.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkerAppFactAttribute : FactAttribute
{
    public WorkerAppFactAttribute(string appKey)
    {
        var app = FunctionAppProject.Of(appKey);
        if (!app.IsWorkerApp)
            Skip = $"functions/{app.Folder} is not an isolated-worker Function app yet ({app.AssemblyName}.csproj has no " +
                   "Microsoft.Azure.Functions.Worker.Sdk reference), so it has no package to check";
    }
}
