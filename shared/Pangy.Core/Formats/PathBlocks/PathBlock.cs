namespace Pangy.Core.Formats.PathBlocks;

/// <summary>One block's table entry: where its deflate stream lies, its step count, the bounds of its segment ids and
/// reference bp (0xFFFFFFFF and 0 when no step is on the reference), and (version 2) its first combined step.</summary>
public readonly record struct PathBlock(long Offset, int CompressedLength, int Steps, uint MinSegment, uint MaxSegment, uint MinBp, uint MaxBp,
    long First = 0);
