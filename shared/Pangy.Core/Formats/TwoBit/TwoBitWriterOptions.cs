namespace Pangy.Core.Formats.TwoBit;

/// <summary>How <see cref="TwoBitWriter"/> lays out the file. The defaults write what kent's <c>faToTwoBit</c> writes.</summary>
public sealed record TwoBitWriterOptions
{
    /// <summary>0 (32-bit offsets), 1 (64-bit offsets), or null: 0 unless the file exceeds 4 GiB.</summary>
    public uint? Version { get; init; }

    /// <summary>Write the integers big-endian (a "byte-swapped" file for little-endian readers).</summary>
    public bool BigEndian { get; init; }
}
