using System.Text.RegularExpressions;

namespace Pangy.Testing;

/// <summary>How a <c>pangy</c> run ended: its exit code and what it printed.</summary>
public sealed partial record PangyRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stderr without the progress lines a slow run prints ("[  2.1s] reading GFA"): what the user is told.</summary>
    public string Messages => string.Join('\n', Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(l => !ProgressLine().IsMatch(l)));

    [GeneratedRegex(@"^\[\s*\d+\.\ds\] ")]
    private static partial Regex ProgressLine();
}
