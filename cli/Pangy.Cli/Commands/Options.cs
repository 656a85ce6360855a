using System.CommandLine;

namespace Pangy.Cli.Commands;

/// <summary>Options several verbs share.</summary>
internal static class Options
{
    public static Option<string> Dir() => new("--dir")
    {
        Description = "datastore root",
        DefaultValueFactory = _ => Path.Combine(Environment.CurrentDirectory, "datastore"),
    };
}
