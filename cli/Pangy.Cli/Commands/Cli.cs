using System.CommandLine;

namespace Pangy.Cli.Commands;

/// <summary>Exit codes and error output of the CLI: one line on stderr, non-zero status.</summary>
internal static class Cli
{
    public const int BadInput = 1;
    public const int Usage = 2;

    public static int Fail(string message, int code = Usage)
    {
        Console.Error.WriteLine($"pangy: error: {message}");
        return code;
    }
}
