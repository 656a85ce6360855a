using Pangy.Core.Storage;

namespace Pangy.Core.Pipeline;

/// <summary>
/// The upload contract: what a blob name in the <c>uploads</c> container means.
/// <list type="bullet">
/// <item><c>{dataset}/dataset.json</c>: the dataset's build options (<see cref="DatasetManifest"/>);</item>
/// <item><c>{dataset}/{chrom}.gfa</c> or <c>.gfa.gz</c>: a chromosome's graph;</item>
/// <item><c>{dataset}/{chrom}.lay.tsv[.gz]</c>, <c>{chrom}.lay</c> or <c>{chrom}.layout</c>: its layout (odgi TSV, odgi
/// binary, Bandage);</item>
/// <item><c>{dataset}/{chrom}.bubblegun.json</c>: optional BubbleGun bubbles;</item>
/// <item><c>annotations/{ref}/{name}.gff3[.gz]</c>: an annotation set of a reference genome.</item>
/// </list>
/// Anything else is <see cref="UploadKind.Unknown"/> with a <see cref="Problem"/> the status reports.
/// </summary>
public sealed record UploadName(string Name, UploadKind Kind, string? Dataset, string? Chromosome, string? Reference, string? SetName, string? Problem)
{
    /// <summary>The top-level folder that holds annotation sets (so no dataset may be called this).</summary>
    public const string AnnotationsFolder = "annotations";

    /// <summary>The file that makes a folder a dataset.</summary>
    public const string ManifestFile = "dataset.json";

    // Longest suffix first, so that "x.lay.tsv.gz" is not read as a ".gz" of something else.
    private static readonly (string Suffix, UploadKind Kind)[] ChromosomeSuffixes =
    [
        (".bubblegun.json", UploadKind.BubbleGun),
        (".lay.tsv.gz", UploadKind.Layout),
        (".lay.tsv", UploadKind.Layout),
        (".gfa.gz", UploadKind.Gfa),
        (".layout", UploadKind.Layout),
        (".gfa", UploadKind.Gfa),
        (".lay", UploadKind.Layout),
    ];

    /// <summary>Classifies the blob <paramref name="name"/> (relative to the container).</summary>
    public static UploadName Classify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string[] parts = name.Split('/');
        if (parts.Length == 3 && parts[0] == AnnotationsFolder) return ClassifyAnnotations(name, parts[1], parts[2]);
        if (parts.Length != 2)
            return Unknown(name, parts.Length > 1 && DatastoreNames.IsValid(parts[0]) && parts[0] != AnnotationsFolder ? parts[0] : null,
                "fits no upload rule: expected {dataset}/dataset.json, {dataset}/{chrom}.gfa[.gz], {dataset}/{chrom}.lay.tsv[.gz] " +
                "(or .lay, .layout), {dataset}/{chrom}.bubblegun.json or annotations/{ref}/{name}.gff3[.gz]");
        string dataset = parts[0], file = parts[1];
        if (dataset == AnnotationsFolder)
            return Unknown(name, null, "annotation sets go to annotations/{ref}/{name}.gff3[.gz]");
        if (!DatastoreNames.IsValid(dataset))
            return Unknown(name, null, $"'{dataset}' is not a valid dataset name: use letters, digits and . _ - + # (not starting with '.')");
        if (file == ManifestFile) return new UploadName(name, UploadKind.DatasetManifest, dataset, null, null, null, null);
        foreach (var (suffix, kind) in ChromosomeSuffixes)
        {
            if (!file.EndsWith(suffix, StringComparison.Ordinal) || file.Length == suffix.Length) continue;
            string chrom = file[..^suffix.Length];
            if (!DatastoreNames.IsValid(chrom))
                return Unknown(name, dataset, $"'{chrom}' is not a valid chromosome name: use letters, digits and . _ - + # (not starting with '.')");
            return new UploadName(name, kind, dataset, chrom, null, null, null);
        }
        return Unknown(name, dataset,
            "fits no upload rule: a dataset folder holds dataset.json, {chrom}.gfa[.gz], {chrom}.lay.tsv[.gz] (or .lay, .layout) and {chrom}.bubblegun.json");
    }

    private static UploadName ClassifyAnnotations(string name, string reference, string file)
    {
        foreach (string suffix in new[] { ".gff3.gz", ".gff3" })
        {
            if (!file.EndsWith(suffix, StringComparison.Ordinal) || file.Length == suffix.Length) continue;
            string set = file[..^suffix.Length];
            if (!DatastoreNames.IsValid(set))
                return Unknown(name, null, $"'{set}' is not a valid annotation set name: use letters, digits and . _ - + # (not starting with '.')");
            if (reference.Length == 0) return Unknown(name, null, "the reference genome folder name is empty");
            return new UploadName(name, UploadKind.Annotations, null, null, reference, set, null);
        }
        return Unknown(name, null, "an annotation set is annotations/{ref}/{name}.gff3 or .gff3.gz");
    }

    private static UploadName Unknown(string name, string? dataset, string problem) =>
        new(name, UploadKind.Unknown, dataset, null, null, null, problem);
}
