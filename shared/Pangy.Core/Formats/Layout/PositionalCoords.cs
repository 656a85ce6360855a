namespace Pangy.Core.Formats.Layout;

/// <summary>
/// Coordinates of a positional layout as flat doubles (x1, y1, x2, y2 per segment), kept in fixed-size blocks:
/// a whole human chromosome is tens of millions of doubles, and blocks grow without the copy (and the 2× peak) of
/// a doubling array, while still costing 32 bytes per segment.
/// </summary>
internal sealed class PositionalCoords
{
    /// <summary>Doubles per block: 2 MiB. A multiple of 4, so no segment straddles two blocks.</summary>
    internal const int BlockShift = 18;
    internal const int BlockLength = 1 << BlockShift;
    private const int BlockMask = BlockLength - 1;

    private readonly List<double[]> _blocks = [];
    private long _length;

    /// <summary>Number of doubles stored.</summary>
    public long Length => _length;

    /// <summary>Number of whole segments stored.</summary>
    public int SegmentCount => checked((int)(_length >> 2));

    /// <summary>A fresh block to fill; hand it back through <see cref="Commit"/>.</summary>
    public static double[] NewBlock() => GC.AllocateUninitializedArray<double>(BlockLength);

    /// <summary>A block for at most <paramref name="remaining"/> more doubles, when the total is known (no 2 MiB for a tiny layout).</summary>
    public static double[] NewBlock(long remaining) => GC.AllocateUninitializedArray<double>((int)Math.Clamp(remaining, 1, BlockLength));

    /// <summary>Appends the first <paramref name="used"/> doubles of <paramref name="block"/> (a full block unless it is the last).</summary>
    public void Commit(double[] block, int used)
    {
        if (used == 0) return;
        if ((_length & BlockMask) != 0) throw new InvalidOperationException("only the last block may be partial");
        _blocks.Add(block);
        _length += used;
    }

    /// <summary>The coordinates of segment <paramref name="index"/>.</summary>
    public SegmentCoords Get(int index)
    {
        long i = (long)index << 2;
        if ((ulong)index >= (ulong)(_length >> 2)) throw new ArgumentOutOfRangeException(nameof(index), index, $"layout has {_length >> 2} segments");
        double[] block = _blocks[(int)(i >> BlockShift)];
        int o = (int)(i & BlockMask);
        return new SegmentCoords(block[o], block[o + 1], block[o + 2], block[o + 3]);
    }

    /// <summary>Number of blocks.</summary>
    internal int BlockCount => _blocks.Count;

    /// <summary>The used part of block <paramref name="block"/>: doubles <c>block × BlockLength</c> onwards.</summary>
    internal Span<double> Block(int block)
    {
        long start = (long)block << BlockShift;
        return _blocks[block].AsSpan(0, (int)Math.Min(BlockLength, _length - start));
    }
}
