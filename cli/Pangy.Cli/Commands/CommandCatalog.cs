using System.CommandLine;

namespace Pangy.Cli.Commands;

/// <summary>Every verb of the CLI, in the order `pangy --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return AddCommand.Create();
        yield return SkeletonCommand.Create();
        yield return AnnotateCommand.Create();
        yield return ServeCommand.Create();
        yield return UpCommand.Create();
        yield return SynthCommand.Create();
        yield return AssetsCommand.Create();
    }
}
