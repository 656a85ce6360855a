namespace Pangy.Core.Formats.ChromSizes;

/// <summary>One line of a <c>chrom.sizes</c> file: a sequence name and its length in bases.</summary>
public sealed record ChromSize(string Name, long Length);
