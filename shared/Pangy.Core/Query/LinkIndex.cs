using Pangy.Core.Datastore;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Query;

/// <summary>
/// <c>links.mmapindex/</c> (§4.1): link ends and strands in <c>links.db</c> table order ('+' = 1), and a CSR listing each
/// segment's links. Link frequencies come from <c>links.db</c>, read once in table order when first needed.
/// </summary>
public sealed class LinkIndex : IDisposable
{
    private readonly IndexColumnFile<uint> _from, _to, _offsets, _counts, _flat;
    private readonly IndexColumnFile<byte> _fromStrand, _toStrand;
    private readonly ReadOnlySqlite? _db;
    private readonly Lazy<double[]> _frequency;

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
        _db = linksDb;
        _frequency = new Lazy<double[]>(LoadFrequencies, LazyThreadSafetyMode.ExecutionAndPublication);
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

    /// <summary>The link's frequency from <c>links.db</c> (0 when the database is absent).</summary>
    public double Frequency(long link) => _db is null ? 0 : _frequency.Value[link];

    /// <summary>Reads every frequency once, in table order: the order the index arrays are in (§4.1).</summary>
    private double[] LoadFrequencies()
    {
        var result = new double[Count];
        long n = _db!.Use(result, static (c, result) =>
        {
            var st = c.Prepare("SELECT frequency FROM links ORDER BY rowid");
            long i = 0;
            while (st.Step())
            {
                if (i < result.Length) result[i] = st.Double(0);
                i++;
            }
            st.Reset();
            return i;
        });
        if (n != Count)
            throw new IndexUnusableException($"{_db.Path} holds {n} links but {LinkIndexLayout.Index.DirectoryName} holds {Count}; rebuild the chromosome");
        return result;
    }

    public void Dispose()
    {
        _from.Dispose(); _to.Dispose(); _fromStrand.Dispose(); _toStrand.Dispose();
        _offsets.Dispose(); _counts.Dispose(); _flat.Dispose();
    }
}
