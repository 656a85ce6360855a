namespace Pangy.Cli.Tests;

/// <summary>
/// The chromosome a soak asks about: its names, its reference range (from its <c>meta.json</c>), and how many bubbles
/// and chains request ids are drawn from (ids past the graph's own are 404s, part of the mix).
/// </summary>
internal sealed record SoakTarget(string Db, string Genome, string Chromosome, long First, long Last, int Bubbles, int Chains);
