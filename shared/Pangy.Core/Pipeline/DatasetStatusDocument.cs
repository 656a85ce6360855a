namespace Pangy.Core.Pipeline;

/// <summary>The status document of one dataset: its manifest, its chromosomes and its uploads.</summary>
public sealed class DatasetStatusDocument
{
    public required string Dataset { get; set; }

    /// <summary>The current <c>dataset.json</c>, once one has been read successfully.</summary>
    public InputRef? Manifest { get; set; }

    /// <summary>The annotation set the manifest names.</summary>
    public string? Annotations { get; set; }

    public List<ChromosomeStatus> Chromosomes { get; set; } = [];
    public List<UploadRecord> Uploads { get; set; } = [];

    public ChromosomeStatus Chromosome(string name)
    {
        var c = Chromosomes.Find(x => x.Chromosome == name);
        if (c is not null) return c;
        c = new ChromosomeStatus { Chromosome = name };
        Chromosomes.Add(c);
        Chromosomes.Sort((a, b) => string.CompareOrdinal(a.Chromosome, b.Chromosome));
        return c;
    }

    public UploadRecord? Upload(string name) => Uploads.Find(u => u.Name == name);
}
