using Pangy.Core.Formats.Compression;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace Pangy.Core.Query;

/// <summary>
/// One cached group of <see cref="SelectFragments"/>, immutable once built: its bubbles' and owned links' compressed
/// streams from the group's first entry, cut every <see cref="CutEvery"/> entries, and its <em>suffixes</em> — the same
/// from a later entry to the end of the group's cacheable prefix, each one piece — so that a window entering the group
/// part way compresses on the fly only the entries before the next suffix start.
/// <para>
/// Packed for a request's few cache misses: every stream in one byte array, one row per cut point and per suffix, and the
/// links the group's bubbles touch but do not own in one array (three objects per group instead of fourteen).
/// </para>
/// </summary>
internal sealed class SelectGroup
{
    public required int CutEvery { get; init; }

    /// <summary>Rows 0 to <c>CutCount - 1</c> are the cut points of the stream from the group's first entry.</summary>
    public required int CutCount { get; init; }

    /// <summary>Entries between suffix starts (0: no suffixes).</summary>
    public required int SuffixEvery { get; init; }

    /// <summary>Every compressed stream of the group; rows give each piece's offset and length.</summary>
    public required byte[] Data { get; init; }

    /// <summary>The cut points (<see cref="CutCount"/>), then one row per suffix, in order of their start.</summary>
    public required SelectCut[] Rows { get; init; }

    /// <summary>Links a row carries but does not own, as <c>owner &lt;&lt; 32 | link</c>; a row's are a range of it.</summary>
    public required ulong[] Foreign { get; init; }

    /// <summary>Memory held (arrays' payloads and headers).</summary>
    public long Bytes => Data.Length + Rows.Length * (long)Unsafe.SizeOf<SelectCut>() + Foreign.Length * 8L + 3 * 32 + 48;

    /// <summary>The cut covering exactly <paramref name="entries"/> entries (a multiple of the cut step, or the whole prefix).</summary>
    public int CutFor(int entries)
    {
        int last = CutCount - 1;
        if (entries >= Rows[last].Entries) return last;
        int c = entries / CutEvery - 1;
        if (c < 0 || Rows[c].Entries != entries) throw new InvalidOperationException($"no cut after {entries} entries");
        return c;
    }

    /// <summary>The row of the suffix starting at the group's entry <paramref name="position"/> (a multiple of <see cref="SuffixEvery"/>); -1 when there is none.</summary>
    public int SuffixAt(int position)
    {
        if (SuffixEvery == 0 || position % SuffixEvery != 0) return -1;
        int row = CutCount + position / SuffixEvery - 1;
        return position > 0 && row < Rows.Length ? row : -1;
    }

    /// <summary>
    /// Builds the group of <paramref name="count"/> cacheable entries from <paramref name="firstEntry"/>: every bubble,
    /// its owned links' JSON and the links it touches owned earlier are read once, then each stream is compressed at level 9.
    /// </summary>
    public static SelectGroup Build(ChromosomeReader chr, SelectFragments.Ownership own, int firstEntry, int count, int cutEvery, int suffixEvery)
    {
        var ids = chr.BubbleIndex.RangeIds;
        var store = chr.Bubbles;
        var links = chr.Links;
        var entries = new Entry[count];
        var text = new ArrayBufferWriter<byte>(count * 160);
        var earlier = new List<ulong>();
        var owned = new List<uint>();
        for (int k = 0; k < count; k++)
        {
            int e = firstEntry + k;
            var b = store.Get((int)ids[e], keep: false) ?? throw new InvalidOperationException($"bubble b{ids[e]} vanished");
            int textFrom = text.WrittenCount, earlierFrom = earlier.Count;
            owned.Clear();
            foreach (var side in (ReadOnlySpan<int[]>)[b.Source, b.Sink])
                foreach (int s in side)
                    foreach (uint l in links.LinksOf(s))
                    {
                        int fe = own.FirstEntry(links, l);
                        if (fe == e)
                        {
                            if (owned.Contains(l)) continue;
                            owned.Add(l);
                            if (text.WrittenCount > textFrom) text.Write(","u8);
                            text.Advance(GraphJson.FormatLink(text.GetSpan(GraphJson.MaxLinkJson), LinkView.Of(links, l, links.Frequency(l))));
                        }
                        else if (fe < e)
                        {
                            // Owned earlier: a stream that starts after the owner carries it only when the owner's is in the answer.
                            ulong packed = (ulong)fe << 32 | l;
                            bool dup = false;
                            for (int f = earlierFrom; f < earlier.Count && !dup; f++) dup = earlier[f] == packed;
                            if (!dup) earlier.Add(packed);
                        }
                        else throw new InvalidOperationException($"link {l} of entry {e} is owned by a later entry {fe}");
                    }
            entries[k] = new Entry(b.Json, b.OwnSegmentCount, textFrom, text.WrittenCount - textFrom, earlierFrom, earlier.Count - earlierFrom);
        }

        var data = new ArrayBufferWriter<byte>(count * 300);
        var rows = new List<SelectCut>();
        var foreign = new List<ulong>();
        var linkText = text.WrittenMemory;
        var earlierLinks = earlier.ToArray();
        // From the group's first entry, cut every cutEvery entries and after the last.
        Compress(entries, 0, linkText, earlierLinks, firstEntry, cutEvery, data, rows, foreign);
        int cutCount = rows.Count;
        if (suffixEvery > 0)
            for (int at = suffixEvery; at < count; at += suffixEvery)
                Compress(entries, at, linkText, earlierLinks, firstEntry, count, data, rows, foreign);
        return new SelectGroup
        {
            CutEvery = cutEvery, CutCount = cutCount, SuffixEvery = suffixEvery,
            Data = data.WrittenSpan.ToArray(), Rows = [.. rows], Foreign = [.. foreign],
        };
    }

    /// <summary>
    /// Compresses entries <paramref name="from"/>.. of the group as two raw-deflate streams (bubbles, owned links) from an
    /// empty history, with a sync flush every <paramref name="cutEvery"/> entries and after the last, one row per flush.
    /// </summary>
    private static void Compress(Entry[] entries, int from, ReadOnlyMemory<byte> linkText, ulong[] earlier, int firstEntry, int cutEvery,
        ArrayBufferWriter<byte> data, List<SelectCut> rows, List<ulong> foreign)
    {
        var nodesOut = new ArrayBufferWriter<byte>((entries.Length - from) * 128);
        var linksOut = new ArrayBufferWriter<byte>((entries.Length - from) * 160);
        // Compressed once and sent many times: the smallest output is worth level 9.
        using var nodes = new RawDeflater(9, 9);
        using var linkz = new RawDeflater(9, 9);
        uint nAdler = Adler32.Initial, lAdler = Adler32.Initial;
        int nRaw = 0, lRaw = 0, lastFlushedLinks = 0, foreignFrom = foreign.Count;
        long segs = 0;
        long streamStart = (long)firstEntry + from;
        int firstRow = rows.Count;
        for (int k = from; k < entries.Length; k++)
        {
            var en = entries[k];
            if (k > from)
            {
                nodes.Write(","u8, nodesOut, DeflateFlush.None);
                nAdler = Adler32.Update(nAdler, ","u8);
                nRaw++;
            }
            nodes.Write(en.Json, nodesOut, DeflateFlush.None);
            nAdler = Adler32.Update(nAdler, en.Json);
            nRaw += en.Json.Length;
            segs += en.Segments;
            if (en.LinkLength > 0)
            {
                if (lRaw > 0)
                {
                    linkz.Write(","u8, linksOut, DeflateFlush.None);
                    lAdler = Adler32.Update(lAdler, ","u8);
                    lRaw++;
                }
                var span = linkText.Span.Slice(en.LinkFrom, en.LinkLength);
                linkz.Write(span, linksOut, DeflateFlush.None);
                lAdler = Adler32.Update(lAdler, span);
                lRaw += span.Length;
            }
            // Links owned before this stream's first entry: carried by this stream only when their owner's cut is in the answer.
            for (int f = en.EarlierFrom; f < en.EarlierFrom + en.EarlierCount; f++)
                if ((long)(earlier[f] >> 32) < streamStart) foreign.Add(earlier[f]);

            if ((k + 1 - from) % cutEvery == 0 || k + 1 == entries.Length)
            {
                nodes.Write([], nodesOut, DeflateFlush.Sync);
                if (lRaw != lastFlushedLinks) linkz.Write([], linksOut, DeflateFlush.Sync);
                lastFlushedLinks = lRaw;
                // Offsets within each stream for now; the streams' places in the group's data are added below.
                rows.Add(new SelectCut(k + 1 - from, 0, nodesOut.WrittenCount, nRaw, nAdler, 0, linksOut.WrittenCount, lRaw, lAdler,
                    segs, foreignFrom, foreign.Count - foreignFrom));
            }
        }
        int nodeOffset = data.WrittenCount;
        data.Write(nodesOut.WrittenSpan);
        int linkOffset = data.WrittenCount;
        data.Write(linksOut.WrittenSpan);
        for (int r = firstRow; r < rows.Count; r++)
            rows[r] = rows[r] with { NodeOffset = nodeOffset, LinkOffset = linkOffset };
    }

    /// <summary>What a group's entry contributes: its bubble's JSON, its owned links' JSON (a range of the group's text) and the links it touches owned earlier.</summary>
    private readonly record struct Entry(byte[] Json, long Segments, int LinkFrom, int LinkLength, int EarlierFrom, int EarlierCount);
}

/// <summary>
/// A cut point or suffix of a <see cref="SelectGroup"/>: the entries it covers from its stream's start, where its two
/// compressed pieces lie in the group's data with their uncompressed lengths and Adler-32, its segment count, and the
/// range of the group's foreign links it carries.
/// </summary>
internal readonly record struct SelectCut(int Entries, int NodeOffset, int NodeBytes, int NodeRaw, uint NodeAdler,
    int LinkOffset, int LinkBytes, int LinkRaw, uint LinkAdler, long SegCount, int ForeignFrom, int ForeignCount);
