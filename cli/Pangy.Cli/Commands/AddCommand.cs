using System.CommandLine;
using System.Globalization;
using Pangy.Core.Assets;
using Pangy.Core.Build;
using Pangy.Core.Stages;
using Pangy.Core.Storage;

namespace Pangy.Cli.Commands;

/// <summary><c>pangy add</c>: one chromosome of a dataset from a GFA and its layout, with PangyPlot's argument names.</summary>
internal static class AddCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "dataset name (graphs/NAME/)", DefaultValueFactory = _ => "_default_" };
        var reference = new Option<string>("--ref") { Description = "reference genome name: the step index key, and the substring that finds the reference path", Required = true };
        var chr = new Option<string>("--chr") { Description = "chromosome directory name (graphs/NAME/CHR/)", Required = true };
        var gfa = new Option<FileInfo>("--gfa") { Description = "GFA 1.0/1.1 file, plain or gzip", Required = true };
        var layout = new Option<FileInfo>("--layout") { Description = "odgi TSV, odgi binary .lay or Bandage JSON layout, plain or gzip", Required = true };
        var path = new Option<string?>("--path") { Description = "substring that finds the reference path, instead of --ref" };
        var offset = new Option<long>("--offset") { Description = "reference start position; replaces the one in the path name (0 = not given)" };
        var sep = new Option<string?>("--sep") { Description = "sample name = the part of the genome name before this character" };
        var assembly = new Option<string?>("--assembly") { Description = "genome assembly of the asset bucket the reference is (e.g. hg38.p12): /sequence and /chrom-sizes then take the reference's name as genome" };
        var dir = Options.Dir();
        var force = new Option<bool>("--force") { Description = "replace the chromosome if it exists (never prompts)" };
        var timings = new Option<bool>("--timings") { Description = "print how long each step took (stderr)" };
        var bubbles = new Option<FileInfo?>("--bubbles") { Description = "BubbleGun JSON (bchains --bubble_json) to use instead of the native bubble finder" };

        var command = new Command("add", "Build one chromosome's datastore from a GFA and its layout.")
        {
            db, reference, chr, gfa, layout, path, offset, sep, assembly, dir, force, bubbles, timings,
        };
        command.SetAction(async (parse, ct) =>
        {
            string? sepText = parse.GetValue(sep);
            if (sepText is { Length: not 1 }) return Cli.Fail("--sep must be a single character");
            string? assemblyName = parse.GetValue(assembly);
            if (assemblyName is not null && !AssetNames.IsAssembly(assemblyName))
                return Cli.Fail($"--assembly '{assemblyName}' is not an assembly name (the base name of its .2bit, e.g. hg38.p12)");
            var key = new ChromosomeKey(parse.GetValue(db)!, parse.GetValue(chr)!);
            var request = new AddChromosomeRequest(
                key,
                InputFile.FromPath(parse.GetValue(gfa)!.FullName),
                InputFile.FromPath(parse.GetValue(layout)!.FullName),
                new ChromosomeBuildOptions
                {
                    Reference = parse.GetValue(reference)!,
                    PathMatch = parse.GetValue(path),
                    Offset = parse.GetValue(offset),
                    Separator = sepText?[0],
                    Assembly = assemblyName,
                },
                Replace: parse.GetValue(force),
                BubbleGunJson: parse.GetValue(bubbles) is { } b ? InputFile.FromPath(b.FullName) : null);
            var store = new LocalDatastore(parse.GetValue(dir)!);
            var progress = new ConsoleProgress();
            AddChromosomeResult result;
            try { result = await AddChromosome.RunAsync(store, request, progress, ct); }
            finally { progress.Finish(); }
            if (parse.GetValue(timings)) TimingReport.Print(result.Build.Timings);
            Console.WriteLine(Summary(result));
            return 0;
        });
        return command;
    }

    /// <summary>The one-line summary: what was built, then each stage's time and peak memory.</summary>
    internal static string Summary(AddChromosomeResult r)
    {
        var b = r.Build;
        var u = r.Bubbles;
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Key}: {b.Segments} segments, {b.Links} links, {b.Paths} paths, {b.Samples} samples, {b.ReferenceSteps} reference steps, " +
            $"{u.Bubbles} bubbles ({u.Simple} simple, {u.Super} super, {u.Insertion} insertion) in {u.Chains} chains; " +
            $"{r.Skeleton.Levels} skeleton levels; " +
            $"build {Cost(r.BuildCost)}, bubbles {Cost(r.BubblesCost)}, skeleton {Cost(r.SkeletonCost)}; total {r.Elapsed.TotalSeconds:0.0} s, peak memory {Mb(r.PeakMemoryBytes)}");
    }

    private static string Cost(StageCost c) => string.Create(CultureInfo.InvariantCulture, $"{c.Elapsed.TotalSeconds:0.0} s / {Mb(c.PeakMemoryBytes)}");

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0} MB");
}
