using System.Diagnostics;

namespace Pangy.Testing;

/// <summary>
/// The built <c>pangy</c> program (pangy.dll next to the tests: a test project that uses this references
/// cli/Pangy.Cli) as a child process with stdin closed, as CI or a script would run it.
/// </summary>
public static class PangyProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>pangy</c> to its exit.</summary>
    public static async Task<PangyRun> RunAsync(params string[] args)
    {
        using var p = Start(args);
        return await FinishAsync(p);
    }

    /// <summary>Starts <c>pangy</c>; the caller reads or drains its output (or calls <see cref="FinishAsync"/>) and disposes it.</summary>
    public static Process Start(params string[] args) => StartWith(new Dictionary<string, string>(), args);

    /// <summary><see cref="Start"/> with <paramref name="environment"/> added to the process's environment.</summary>
    public static Process StartWith(IReadOnlyDictionary<string, string> environment, params string[] args)
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
        // The developer's own asset bucket and cache must not leak into a test; tests that want them pass options.
        psi.Environment.Remove("PANGY_ASSETS");
        psi.Environment.Remove("PANGY_ASSET_CACHE");
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        var p = Process.Start(psi)!;
        p.StandardInput.Close(); // never prompts: a closed stdin must not matter
        return p;
    }

    /// <summary>Waits (two minutes at most) for <paramref name="p"/> to exit and returns what it printed.</summary>
    public static async Task<PangyRun> FinishAsync(Process p)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        await p.WaitForExitAsync(cts.Token);
        return new PangyRun(p.ExitCode, await stdout, await stderr);
    }
}
