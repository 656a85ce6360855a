using System.CommandLine;
using System.Diagnostics;
using Pangy.Core.Synth;

namespace Pangy.Cli.Commands;

/// <summary>`pangy synth`: a synthetic minigraph-cactus-like chromosome graph for benchmarks and scale tests.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "Output prefix: writes PREFIX.gfa, PREFIX.lay.tsv and PREFIX.json",
            Required = true,
        };
        var refBp = new Option<long>("--ref-bp")
        {
            Description = "Reference length in bp (50000000 ≈ chr22, 248000000 ≈ chr1)",
            Required = true,
        };
        var haplotypes = new Option<int>("--haplotypes")
        {
            Description = "Haplotypes besides the reference (pairs per sample; HPRC has 88)",
            Required = true,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Random seed: the same options and seed give byte-identical files",
            DefaultValueFactory = _ => 42,
        };
        var wLines = new Option<bool>("--w-lines") { Description = "Write W lines (GFA 1.1) instead of P lines" };
        var chrom = new Option<string>("--chrom")
        {
            Description = "Chromosome name; the reference path is GRCh38#0#NAME",
            DefaultValueFactory = _ => "chr1",
        };

        var command = new Command("synth", "Generate a synthetic pangenome graph (GFA, odgi layout TSV, JSON report)")
        {
            output, refBp, haplotypes, seed, wLines, chrom,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = new SynthOptions
            {
                RefBp = parseResult.GetValue(refBp),
                Haplotypes = parseResult.GetValue(haplotypes),
                Seed = parseResult.GetValue(seed),
                WLines = parseResult.GetValue(wLines),
                Chrom = parseResult.GetValue(chrom)!,
            };
            string prefix = parseResult.GetValue(output)!;
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"pangy synth: {e.Message}");
                return Task.FromResult(2);
            }

            var clock = Stopwatch.StartNew();
            SynthReport report = SyntheticGraphGenerator.GenerateFiles(options, prefix, cancellationToken);
            Console.WriteLine(
                $"{prefix}.gfa: {report.Segments:N0} segments, {report.Links:N0} links, {report.Paths:N0} paths, " +
                $"{report.Steps:N0} steps ({report.RefBp:N0} bp reference, {report.ExpectedBubbles.Total:N0} bubbles expected) " +
                $"in {clock.Elapsed.TotalSeconds:F1} s");
            return Task.FromResult(0);
        });
        return command;
    }
}
