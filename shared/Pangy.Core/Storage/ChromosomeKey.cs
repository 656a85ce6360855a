namespace Pangy.Core.Storage;

/// <summary>One chromosome of one dataset: <c>graphs/{Dataset}/{Chromosome}/</c>.</summary>
public readonly record struct ChromosomeKey
{
    public ChromosomeKey(string dataset, string chromosome)
    {
        Dataset = DatastoreNames.Check(dataset, "dataset");
        Chromosome = DatastoreNames.Check(chromosome, "chromosome");
    }

    public string Dataset { get; }
    public string Chromosome { get; }

    public override string ToString() => $"{Dataset}/{Chromosome}";
}
