using Pangy.Core.Datastore;
using Pangy.Core.Sqlite;

namespace Pangy.Core.Query;

/// <summary>
/// <c>links.mmapindex/</c> (§4.1): link ends and strands in <c>links.db</c> table order ('+' = 1), and a CSR listing each
/// segment's links. Link frequencies come from the index's <c>frequencies</c> column (Pangy's addition: a window's links
/// lie close together in table order, so a cold instance's first answer reads a few contiguous pages of it); a
/// datastore without the column (the reference's, or Pangy's before it) has them read from <c>links.db</c>, a block of
/// rows at a time when first needed, which reads the blocks the answer's links fall in (each row carries its
/// haplotype masks) but not the whole table (a chr1-sized <c>links.db</c> is over 1 GB).
/// </summary>
public sealed class LinkIndex : IDisposable
{
    private readonly IndexColumnFile<uint> _from, _to, _offsets, _counts, _flat;
    private readonly IndexColumnFile<byte> _fromStrand, _toStrand;
    private readonly IndexColumnFile<double>? _frequencyColumn;
    private readonly ReadOnlySqlite? _db;
    private readonly Lazy<double[]> _frequency;
    // Rows per block read from links.db; a block is one range scan of the rowid b-tree (a few dozen pages).
    private const int FrequencyBlock = 4096;
    private readonly byte[] _frequencyBlockLoaded;
    private readonly Lock _frequencyLock = new();
    private int _rowidsChecked;

    public LinkIndex(string chromosomeDir, ReadOnlySqlite? linksDb)
    {
        string dir = LinkIndexLayout.Index.DirectoryIn(chromosomeDir);
        var meta = IndexFiles.ReadMeta(dir);
        _from = IndexFiles.Open(dir, LinkIndexLayout.FromIds);
        _to = IndexFiles.Open(dir, LinkIndexLayout.ToIds);
        _fromStrand = IndexFiles.Open(dir, LinkIndexLayout.FromStrands);
        _toStrand = IndexFiles.Open(dir, LinkIndexLayout.ToStrands);
        _offsets = IndexFiles.Open(dir, LinkIndexLayout.SegmentOffsets);
        _counts = IndexFiles.Open(dir, LinkIndexLayout.SegmentCounts);
        _flat = IndexFiles.Open(dir, LinkIndexLayout.SegmentLinks);
        Count = _from.Length;
        if (_to.Length != Count || _fromStrand.Length != Count || _toStrand.Length != Count || _offsets.Length != _counts.Length)
            throw new IndexUnusableException($"{dir}: arrays of different lengths; rebuild the chromosome");
        long declared = IndexFiles.Int(meta, LinkIndexLayout.CountKey, Count);
        if (declared != Count) throw new IndexUnusableException($"{dir}: {IndexLayout.MetaFileName} says {declared} links but the arrays hold {Count}; rebuild the chromosome");
        if (File.Exists(LinkIndexLayout.Frequencies.PathIn(dir)))
        {
            _frequencyColumn = IndexFiles.Open(dir, LinkIndexLayout.Frequencies);
            if (_frequencyColumn.Length != Count)
                throw new IndexUnusableException($"{dir}: {LinkIndexLayout.Frequencies.FileName} holds {_frequencyColumn.Length} links but the other arrays {Count}; rebuild the chromosome");
        }
        _db = linksDb;
        _frequency = new Lazy<double[]>(() => new double[Count], LazyThreadSafetyMode.ExecutionAndPublication);
        _frequencyBlockLoaded = new byte[(Count + FrequencyBlock - 1) / FrequencyBlock];
    }

    /// <summary>Number of links.</summary>
    public long Count { get; }

    /// <summary>One past the largest segment id the per-segment lists cover.</summary>
    public long SegmentCapacity => _offsets.Length;

    public uint From(long link) => _from.Span[(int)link];
    public uint To(long link) => _to.Span[(int)link];
    public bool FromForward(long link) => _fromStrand.Span[(int)link] != 0;
    public bool ToForward(long link) => _toStrand.Span[(int)link] != 0;
    public char FromStrand(long link) => FromForward(link) ? '+' : '-';
    public char ToStrand(long link) => ToForward(link) ? '+' : '-';

    /// <summary>The indices of the links that touch <paramref name="segment"/> (a self-link appears twice).</summary>
    public ReadOnlySpan<uint> LinksOf(long segment)
    {
        if ((ulong)segment >= (ulong)_offsets.Length) return [];
        int start = (int)_offsets.Span[(int)segment];
        int count = (int)_counts.Span[(int)segment];
        return _flat.Span.Slice(start, count);
    }

    /// <summary>The other end of <paramref name="link"/> seen from <paramref name="segment"/>.</summary>
    public uint Other(long link, long segment) => _from.Span[(int)link] == segment ? _to.Span[(int)link] : _from.Span[(int)link];

    /// <summary>True when frequencies come from the index's <c>frequencies</c> column rather than from <c>links.db</c>.</summary>
    public bool HasFrequencyColumn => _frequencyColumn is not null;

    /// <summary>
    /// The link's frequency: from the <c>frequencies</c> column, else from <c>links.db</c> (0 when neither exists).
    /// </summary>
    public double Frequency(long link)
    {
        if (_frequencyColumn is not null) return _frequencyColumn.Span[(int)link];
        if (_db is null) return 0;
        int block = (int)(link / FrequencyBlock);
        if (Volatile.Read(ref _frequencyBlockLoaded[block]) == 0) LoadFrequencyBlock(block);
        return _frequency.Value[link];
    }

    /// <summary>
    /// Reads the frequencies of one block of links. Link i is row i + 1: the table is written once, in index order,
    /// and never has a row deleted, which the first load checks (rowids 1..Count) before trusting it.
    /// </summary>
    private void LoadFrequencyBlock(int block)
    {
        lock (_frequencyLock)
        {
            if (_frequencyBlockLoaded[block] != 0) return;
            if (_rowidsChecked == 0) CheckRowids();
            var values = _frequency.Value;
            long first = (long)block * FrequencyBlock;
            long last = Math.Min(first + FrequencyBlock, Count) - 1;
            long n = _db!.Use((values, first, last), static (c, a) =>
            {
                var st = c.Prepare("SELECT rowid, frequency FROM links WHERE rowid BETWEEN ?1 AND ?2");
                st.BindInt64(1, a.first + 1);
                st.BindInt64(2, a.last + 1);
                long read = 0;
                while (st.Step())
                {
                    a.values[st.Int64(0) - 1] = st.Double(1);
                    read++;
                }
                st.Reset();
                return read;
            });
            if (n != last - first + 1)
                throw new IndexUnusableException($"{_db.Path} lacks links {first + 1}..{last + 1} that {LinkIndexLayout.Index.DirectoryName} holds; rebuild the chromosome");
            Volatile.Write(ref _frequencyBlockLoaded[block], 1);
        }
    }

    private void CheckRowids()
    {
        var (min, max) = _db!.Use(static c =>
        {
            var st = c.Prepare("SELECT MIN(rowid), MAX(rowid) FROM links");
            (long, long) r = st.Step() && !st.IsNull(0) ? (st.Int64(0), st.Int64(1)) : (0, 0);
            st.Reset();
            return r;
        });
        if (Count > 0 && (min != 1 || max != Count))
            throw new IndexUnusableException($"{_db.Path} holds links {min}..{max} but {LinkIndexLayout.Index.DirectoryName} holds {Count}; rebuild the chromosome");
        _rowidsChecked = 1;
    }

    public void Dispose()
    {
        _from.Dispose(); _to.Dispose(); _fromStrand.Dispose(); _toStrand.Dispose();
        _offsets.Dispose(); _counts.Dispose(); _flat.Dispose(); _frequencyColumn?.Dispose();
    }
}
