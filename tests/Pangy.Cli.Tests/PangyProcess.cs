using System.Diagnostics;

namespace Pangy.Cli.Tests;

/// <summary>Runs the built <c>pangy</c> program (pangy.dll next to the tests) with stdin closed, as CI or a script would.</summary>
internal static class PangyProcess
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Stderr without the progress lines a slow run prints ("[  2.1s] reading GFA"): what the user is told.</summary>
        public string Messages => string.Join('\n', Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[\s*\d+\.\ds\] ")));
    }

    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static async Task<Run> RunAsync(params string[] args)
    {
        using var p = Start(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        return new Run(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>pangy</c> with stdin closed; the caller reads or drains its output and disposes it.</summary>
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
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pangy.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.StandardInput.Close(); // never prompts: a closed stdin must not matter
        return p;
    }
}

internal sealed class TempDir : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("pangy-cli").FullName;
    public string this[string name] => Path.Combine(Root, name);
    public void Dispose() { try { Directory.Delete(Root, true); } catch (IOException) { } }
}
