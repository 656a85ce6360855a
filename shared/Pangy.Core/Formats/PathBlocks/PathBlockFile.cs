namespace Pangy.Core.Formats.PathBlocks;

/// <summary>
/// A path re-cut into independently compressed blocks so that a window can be read without decoding the whole path
/// (region <c>/path-data</c>, exports). Pangy's own file, <c>paths/blocks/{binpath file}.blk</c>, beside the
/// reference's <c>.binpath</c> (which stays the file whole-path requests stream as is).
/// </summary>
/// <remarks>
/// Layout, little-endian: the blocks, each a raw deflate stream of the binpath payload of up to
/// <see cref="DefaultBlockSteps"/> steps (first step raw, then zigzag deltas, §5.1); then one 32-byte entry per block
/// (u64 offset, u32 compressed length, u32 steps, u32 min segment id, u32 max segment id, u32 smallest reference bp
/// start, u32 largest reference bp end — 0xFFFFFFFF and 0 when no step of the block is on the reference); then a
/// 40-byte trailer (u64 table offset, u32 blocks, u32 block steps, u64 total steps, u32 format version 1, u32 0,
/// <c>PGYBLKv1</c>). A block may hold a step of a segment only if that id lies in its [min, max], so a reader can skip
/// every block whose id range misses the segments it wants; the bp bounds give the subpath's reference span
/// (<c>/path-meta</c>'s bp_start/bp_end) without decoding anything.
/// Written by <see cref="PathBlockWriter"/>, read by <see cref="PathBlockReader"/>.
/// </remarks>
public static class PathBlockFile
{
    /// <summary>Steps per block unless told otherwise.</summary>
    public const int DefaultBlockSteps = 16_384;

    /// <summary>
    /// zlib level of each block. Measured on the chr22-sized graph (docs/benchmarks.md, "Datastore size"): level 1
    /// gave 32.8 MB of blocks, level 3 18.7 MB, level 4 18.2 MB, level 6 17.7 MB, and blocks of higher levels inflate
    /// faster (fewer bytes). The blocks are cut on the core the bubble stage leaves idle, so level 4's extra time is
    /// hidden; any level reads the same.
    /// </summary>
    public const int CompressionLevel = 4;
    internal const int EntrySize = 32;
    internal const int TrailerSize = 40;
    internal const uint Version = 1;
    internal static ReadOnlySpan<byte> Magic => "PGYBLKv1"u8;
}
