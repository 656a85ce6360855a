namespace Pangy.Core.Formats.PathBlocks;

/// <summary>
/// A path cut into independently decodable blocks so that a window can be read without decoding the whole path
/// (region <c>/path-data</c>, exports). Pangy's own file, <c>paths/blocks/{binpath file}.blk</c>, beside the
/// reference's <c>.binpath</c> (which stays the file whole-path requests stream as is).
/// </summary>
/// <remarks>
/// Each block is a raw deflate stream of the binpath payload of up to <see cref="DefaultBlockSteps"/> steps (its first
/// step raw in a version 1 file; in version 2 the zigzag delta from the step before it, the step itself being in the
/// entry). Two versions, told apart by the trailer:
/// <list type="bullet">
/// <item>Version 2 (what <c>pangy add</c> writes): the blocks are the <c>.binpath</c> itself. Its gzip member is written
/// with a zlib full flush after every block, so each block starts byte-aligned with an empty history and can be inflated
/// alone from its offset, while the file stays one ordinary gzip member of the §5.1 payload for every other reader. The
/// block file holds only the table: one 40-byte entry per block (u64 offset in the <c>.binpath</c>, u32 compressed length
/// up to and including the flush marker, u32 steps, u32 min segment id, u32 max segment id, u32 smallest reference bp
/// start, u32 largest reference bp end, u64 the block's first combined step), then the trailer with table offset 0.</item>
/// <item>Version 1 (what the query server writes into its cache for datastores without block files, since it cannot
/// rewrite a published <c>.binpath</c>): the blocks, then one 32-byte entry per block (the version 2 entry without the
/// first step; offsets are into the block file), then the trailer.</item>
/// </list>
/// The 40-byte trailer: u64 table offset, u32 blocks, u32 block steps, u64 total steps, u32 format version, u32 0,
/// <c>PGYBLKv1</c> or <c>PGYBLKv2</c>. Bp bounds are 0xFFFFFFFF and 0 when no step of the block is on the reference. A
/// block may hold a step of a segment only if that id lies in its [min, max], so a reader can skip every block whose id
/// range misses the segments it wants; the bp bounds give the subpath's reference span (<c>/path-meta</c>'s
/// bp_start/bp_end) without decoding anything.
/// Written by <see cref="PathBlockWriter"/>, read by <see cref="PathBlockReader"/>.
/// </remarks>
public static class PathBlockFile
{
    /// <summary>Steps per block unless told otherwise.</summary>
    public const int DefaultBlockSteps = 16_384;

    /// <summary>The most steps per block a reader accepts (a decode holds one block's payload in memory).</summary>
    public const int MaxBlockSteps = 1 << 20;

    /// <summary>
    /// zlib level of each block, and so of the <c>.binpath</c> files <c>pangy add</c> publishes. Measured on the
    /// chr22-sized graph's 68.7 MB of payload in 16 K-step blocks (docs/benchmarks.md, "Datastore size"): level 1 gave
    /// 32.8 MB, level 2 20.3 MB, level 3 18.7 MB in 1.1 s, level 4 18.2 MB in 2.2 s, level 6 17.7 MB in 4.1 s, and
    /// blocks of the higher levels inflate faster (fewer bytes). The blocks are cut on the core the bubble stage leaves
    /// idle, which on a quiet machine has about the bubble stage's 2.5–3 s: level 3 fits in it with room to spare,
    /// level 4 would not. Any level reads the same.
    /// </summary>
    public const int CompressionLevel = 3;

    internal const int TrailerSize = 40;
    internal const uint SelfContainedVersion = 1, InBinPathVersion = 2;

    internal static int EntrySize(uint version) => version == InBinPathVersion ? 40 : 32;

    internal static ReadOnlySpan<byte> Magic(uint version) => version == InBinPathVersion ? "PGYBLKv2"u8 : "PGYBLKv1"u8;
}
