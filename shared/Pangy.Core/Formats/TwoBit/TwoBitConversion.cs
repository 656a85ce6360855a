namespace Pangy.Core.Formats.TwoBit;

/// <summary>What a FASTA → .2bit conversion wrote: sequences, bases, and IUPAC letters stored as N.</summary>
public sealed record TwoBitConversion(int Sequences, long Bases, long AmbiguousBasesStoredAsN);
