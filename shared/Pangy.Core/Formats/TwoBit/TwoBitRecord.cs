namespace Pangy.Core.Formats.TwoBit;

/// <summary>The parsed header of one sequence record: its N and soft-mask blocks (sorted, 0-based) and where its bases start.</summary>
internal sealed class TwoBitRecord(long length, uint[] nStarts, uint[] nSizes, uint[] maskStarts, uint[] maskSizes, long packedOffset)
{
    public long Length { get; } = length;
    public uint[] NStarts { get; } = nStarts;
    public uint[] NSizes { get; } = nSizes;
    public uint[] MaskStarts { get; } = maskStarts;
    public uint[] MaskSizes { get; } = maskSizes;

    /// <summary>Byte offset of the packed bases in the file.</summary>
    public long PackedOffset { get; } = packedOffset;
}
