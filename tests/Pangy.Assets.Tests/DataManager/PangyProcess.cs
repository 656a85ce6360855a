using System.Diagnostics;

namespace Pangy.Assets.Tests.DataManager;

/// <summary>The real <c>pangy</c> program (pangy.dll next to the tests) as a child process.</summary>
internal static class PangyProcess
{
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pangy.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("PANGY_ASSETS");
        psi.Environment.Remove("PANGY_ASSET_CACHE");
        var p = Process.Start(psi)!;
        p.StandardInput.Close();
        return p;
    }

    /// <summary>Waits for the exit and returns the exit code, standard output and standard error.</summary>
    public static async Task<(int Code, string Out, string Err)> FinishAsync(Process p)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
