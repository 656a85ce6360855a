namespace Pangy.Core.Cytobands;

/// <summary>
/// One band of an ideogram, the reference's band dict (§9.2): <c>{"band": Index, "start", "end", "name",
/// "type": Stain, "color", "chr": Chrom, "size", "x"}</c>. <see cref="Size"/> is <c>(end - start) / max_end</c> and
/// <see cref="X"/> is <c>start / max_end</c>, where max_end is the largest band end of the chromosome.
/// </summary>
/// <param name="Index">0-based position of the band within its chromosome, in file order.</param>
/// <param name="Start">Start as written (UCSC: 0-based).</param>
/// <param name="End">End as written.</param>
/// <param name="Name">Band name (<c>p36.33</c>); the chromosome name when the file leaves it empty.</param>
/// <param name="Stain">Giemsa stain (<c>gneg</c>, <c>gpos25</c>, <c>acen</c>, …).</param>
/// <param name="Color">The stain's colour (<see cref="CytobandColors"/>).</param>
/// <param name="Chrom">Chromosome name.</param>
/// <param name="Size">Band length as a fraction of the chromosome.</param>
/// <param name="X">Band start as a fraction of the chromosome.</param>
public sealed record CytobandBand(int Index, long Start, long End, string Name, string Stain, string Color, string Chrom, double Size, double X);
