namespace Pangy.Core.Formats.TwoBit;

/// <summary>One sequence of a .2bit file: its name and its length in bases.</summary>
public sealed record TwoBitSequence(string Name, long Length);
