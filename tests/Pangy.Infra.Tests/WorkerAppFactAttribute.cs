namespace Pangy.Infra.Tests;

/// <summary>
/// A test of the packages of the named apps (any one of them suffices); skipped, saying why, while none of them is an
/// isolated-worker Function app yet (no Microsoft.Azure.Functions.Worker.Sdk reference): there is no package to build.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkerAppFactAttribute : FactAttribute
{
    public WorkerAppFactAttribute(params string[] appKeys)
    {
        var apps = appKeys.Select(FunctionAppProject.Of).ToList();
        if (!apps.Any(a => a.IsWorkerApp))
            Skip = string.Join("; ", apps.Select(a => $"functions/{a.Folder} is not an isolated-worker Function app yet " +
                                                    $"({a.AssemblyName}.csproj has no Microsoft.Azure.Functions.Worker.Sdk reference)")) +
                   ", so there is no package to check";
    }
}
