using System.Diagnostics;

namespace Pangy.Infra.Tests;

/// <summary>Runs a program to completion and captures its output.</summary>
public static class Command
{
    public static async Task<CommandResult> RunAsync(
        string program, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Colour codes would only clutter assertion messages.
        psi.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        string shown = string.Join(' ', [program, .. psi.ArgumentList]);

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {shown}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{shown} did not finish within {timeout ?? TimeSpan.FromMinutes(5)}");
        }
        return new CommandResult(shown, process.ExitCode, await stdout, await stderr);
    }
}
