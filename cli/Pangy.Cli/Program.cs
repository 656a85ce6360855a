using System.CommandLine;
using Pangy.Cli.Commands;
using Pangy.Core.Formats;
using Pangy.Core.Storage;

// The `pangy` command: each verb is a short composition of Pangy.Core, defined in Commands/.
var root = new RootCommand("Pangy: pangenome graphs into a fast, queryable per-chromosome datastore.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
try
{
    var parse = root.Parse(args);
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (BadInputException e)
{
    return Cli.Fail(e.Message, Cli.BadInput);
}
catch (ChromosomeExistsException e)
{
    return Cli.Fail(e.Message, Cli.BadInput);
}
catch (ArgumentException e)
{
    return Cli.Fail(e.Message, Cli.Usage);
}
catch (OperationCanceledException)
{
    return Cli.Fail("cancelled", 130);
}
