using System.CommandLine;
using System.Globalization;
using Pangy.Core.Stages;
using Pangy.Core.Storage;

namespace Pangy.Cli.Commands;

/// <summary>
/// <c>pangy skeleton</c>: (re)builds a published chromosome's skeleton, spine, polychains and graph metadata from its
/// build and bubble outputs, and publishes the whole chromosome again in one atomic step (readers see the old skeleton
/// or the new one, never a mix).
/// </summary>
internal static class SkeletonCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "dataset name (graphs/NAME/)", DefaultValueFactory = _ => "_default_" };
        var chr = new Option<string>("--chr") { Description = "chromosome directory name (graphs/NAME/CHR/)", Required = true };
        var reference = new Option<string?>("--ref") { Description = "reference genome; checked against the step index (default: the step index's)" };
        var dir = Options.Dir();

        var command = new Command("skeleton", "Build a chromosome's skeleton, reference spine, polychains and graph metadata.")
        {
            db, chr, reference, dir,
        };
        command.SetAction(async (parse, ct) =>
        {
            var key = new ChromosomeKey(parse.GetValue(db)!, parse.GetValue(chr)!);
            var store = new LocalDatastore(parse.GetValue(dir)!);
            if (!store.Exists(key)) return Cli.Fail($"chromosome '{key.Chromosome}' of dataset '{key.Dataset}' is not in {store.Root}", Cli.BadInput);
            var (r, _) = await Task.Run(() => ChromosomeStages.RedrawSkeletonAsync(store, key, parse.GetValue(reference), ct), ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{key}: skeleton of {r.Levels} levels ({r.Junctions} junctions, {r.Runs} runs), {r.SpinePoints} spine points, " +
                $"{r.PolychainChains} polychains in {r.Elapsed.TotalSeconds:0.0} s, peak memory {PeakMemory.Bytes() / 1048576.0:0} MB"));
            return 0;
        });
        return command;
    }
}
