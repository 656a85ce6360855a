using System.CommandLine;
using System.Globalization;
using Pangy.Core.Annotations;
using Pangy.Core.Storage;

namespace Pangy.Cli.Commands;

/// <summary>
/// <c>pangy annotate</c>: a GFF3 file into <c>annotations/{ref}/{name}/annotations.db</c>, with PangyPlot's argument
/// names. An existing set is replaced only with <c>--force</c> (never a prompt).
/// </summary>
internal static class AnnotateCommand
{
    public static Command Create()
    {
        var reference = new Option<string>("--ref") { Description = "reference genome the annotation belongs to (annotations/REF/); the genome of /genes", Required = true };
        var name = new Option<string>("--name") { Description = "name of the annotation set (annotations/REF/NAME/)", Required = true };
        var gff3 = new Option<string>("--gff3") { Description = "GFF3 file, plain or gzip", Required = true };
        var dir = Options.Dir();
        var force = new Option<bool>("--force") { Description = "replace the annotation set if it exists (never prompts)" };

        var command = new Command("annotate", "Import gene annotations (GFF3) for a reference genome.")
        {
            reference, name, gff3, dir, force,
        };
        command.SetAction((parse, ct) =>
        {
            string refName = parse.GetValue(reference)!, setName = parse.GetValue(name)!, gff3Path = parse.GetValue(gff3)!;
            // Names become directories: check them before touching any file (a reference is escaped, never refused).
            AnnotationCatalog.ReferenceFolder(refName);
            DatastoreNames.Check(setName, "annotation set");
            if (!File.Exists(gff3Path)) return Task.FromResult(Cli.Fail($"{gff3Path}: no such file", Cli.BadInput));
            AnnotationSetResult result;
            try
            {
                result = AnnotationCatalog.Add(parse.GetValue(dir)!, refName, setName, gff3Path, parse.GetValue(force), ct);
            }
            catch (AnnotationSetExistsException e)
            {
                return Task.FromResult(Cli.Fail(e.Message, Cli.BadInput));
            }
            var r = result.Import;
            string dups = r.DuplicatesSkipped == 0 ? "" : $", {r.DuplicatesSkipped} duplicate ids skipped (first: {r.DuplicateExamples[0]})";
            string skipped = r.MalformedLinesSkipped == 0 ? "" : $", {r.MalformedLinesSkipped} lines with fewer than 9 columns skipped";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{refName}/{setName}: {r.Rows} rows ({r.Genes} genes, {r.Transcripts} transcripts, {r.Exons} exons), " +
                $"{r.GeneNames} gene names{dups}{skipped} in {r.Elapsed.TotalSeconds:0.0} s"));
            return Task.FromResult(0);
        });
        return command;
    }
}
