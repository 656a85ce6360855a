namespace Pangy.Infra.Tests;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything, for an assertion's message.</summary>
    public override string ToString() => $"{Command}\nexit code {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
