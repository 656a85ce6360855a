using System.CommandLine;
using Pangy.Cli.Commands;

// The `pangy` command: each verb is a short composition of Pangy.Core, defined in Commands/.
var root = new RootCommand("Pangy: pangenome graphs into a fast, queryable per-chromosome datastore.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
