using System.Buffers.Binary;
using System.Numerics;
using Pangy.Core.Datastore;
using Pangy.Core.Sqlite;

namespace Pangy.Core.Build;

/// <summary>
/// The rows of <c>links.db</c> parked in a scratch file between the GFA pass and the SQLite load: one fixed-size
/// record per link in GFA order (from, to, strand bits, then the <c>haplotype</c> and <c>reverse</c> mask words). The
/// build hands the load to a later moment (beside the skeleton stage, on the other core) without holding the link
/// arrays in memory meanwhile; the file is read once, front to back, and deleted.
/// </summary>
internal sealed class SpilledLinkRows : IDisposable
{
    private const int RecordsPerChunk = 4096;
    private readonly string _path;
    private readonly int _count, _words, _samples;

    private SpilledLinkRows(string path, int count, int words, int samples)
    {
        _path = path;
        _count = count;
        _words = words;
        _samples = samples;
    }

    /// <summary>One link's values, filled by the caller of <see cref="Write"/>.</summary>
    internal sealed class Row(int words)
    {
        public int From, To;
        public byte Strands; // bit 0: from is '-', bit 1: to is '-'
        public readonly ulong[] Haplotype = new ulong[words], Reverse = new ulong[words]; // word 0 = samples 0..63
    }

    private int RecordSize => 9 + 16 * _words;

    /// <summary>Writes <paramref name="count"/> rows, link <c>i</c> filled by <paramref name="fill"/>(i, row).</summary>
    public static SpilledLinkRows Write(string path, int count, int words, int samples, Action<int, Row> fill, CancellationToken cancellationToken)
    {
        var rows = new SpilledLinkRows(path, count, words, samples);
        var row = new Row(words);
        int size = rows.RecordSize;
        var buffer = new byte[size * RecordsPerChunk];
        try
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
            for (int start = 0; start < count; start += RecordsPerChunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int n = Math.Min(RecordsPerChunk, count - start);
                for (int k = 0; k < n; k++)
                {
                    fill(start + k, row);
                    var r = buffer.AsSpan(k * size, size);
                    BinaryPrimitives.WriteInt32LittleEndian(r, row.From);
                    BinaryPrimitives.WriteInt32LittleEndian(r[4..], row.To);
                    r[8] = row.Strands;
                    for (int w = 0; w < words; w++)
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(r[(9 + 8 * w)..], row.Haplotype[w]);
                        BinaryPrimitives.WriteUInt64LittleEndian(r[(9 + 8 * (words + w))..], row.Reverse[w]);
                    }
                }
                file.Write(buffer, 0, n * size);
            }
        }
        catch
        {
            rows.Dispose();
            throw;
        }
        return rows;
    }

    /// <summary>A link's frequency (§3.2): the samples that walk it over all samples, 0 without samples.</summary>
    public static double Frequency(int population, int samples) => samples == 0 ? 0.0 : (double)population / samples;

    /// <summary>
    /// Writes <c>links.db</c>: the documented schema with the <c>haplotype</c> and <c>reverse</c> hex masks
    /// (decision 2), rows in GFA order, frequency = popcount(haplotype) / samples; indexes after the load.
    /// </summary>
    public void WriteDatabase(string dbPath, CancellationToken cancellationToken = default)
    {
        using var db = BulkSqliteDatabase.Create(dbPath);
        db.Exec("CREATE TABLE links(id TEXT PRIMARY KEY, from_id INTEGER NOT NULL, from_strand TEXT NOT NULL, " +
                "to_id INTEGER NOT NULL, to_strand TEXT NOT NULL, haplotype TEXT NOT NULL, reverse TEXT NOT NULL, frequency REAL NOT NULL)");
        Span<byte> id = stackalloc byte[LinkIdText.MaxBytes];
        var hex = new byte[16 * Math.Max(1, _words) + 1];
        int size = RecordSize;
        var buffer = new byte[size * RecordsPerChunk];
        using (var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        using (var insert = db.Insert("links", "id", "from_id", "from_strand", "to_id", "to_strand", "haplotype", "reverse", "frequency"))
        {
            for (int start = 0; start < _count; start += RecordsPerChunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int n = Math.Min(RecordsPerChunk, _count - start);
                file.ReadExactly(buffer, 0, n * size);
                for (int k = 0; k < n; k++)
                {
                    var r = buffer.AsSpan(k * size, size);
                    int from = BinaryPrimitives.ReadInt32LittleEndian(r), to = BinaryPrimitives.ReadInt32LittleEndian(r[4..]);
                    bool fromReverse = (r[8] & 1) != 0, toReverse = (r[8] & 2) != 0;
                    var haplotype = r.Slice(9, 8 * _words);
                    var reverse = r.Slice(9 + 8 * _words, 8 * _words);
                    insert.Text(id[..LinkIdText.Format(id, from, fromReverse, to, toReverse)]).Int(from).Text(fromReverse ? "-"u8 : "+"u8)
                        .Int(to).Text(toReverse ? "-"u8 : "+"u8);
                    insert.Text(hex.AsSpan(0, Hex(haplotype, hex)));
                    insert.Text(hex.AsSpan(0, Hex(reverse, hex)));
                    insert.Real(Frequency(PopCount(haplotype), _samples));
                    insert.EndRow();
                }
            }
        }
        db.Complete("CREATE INDEX idx_from_id ON links(from_id)", "CREATE INDEX idx_to_id ON links(to_id)");
    }

    private static int PopCount(ReadOnlySpan<byte> words)
    {
        int pop = 0;
        for (int w = 0; w < words.Length; w += 8) pop += BitOperations.PopCount(BinaryPrimitives.ReadUInt64LittleEndian(words[w..]));
        return pop;
    }

    // Python's hex(mask)[2:] of the mask whose little-endian words are given: lowercase, no leading zeros, "0" when empty.
    private static int Hex(ReadOnlySpan<byte> words, byte[] dest)
    {
        int n = 0;
        bool started = false;
        for (int w = words.Length / 8 - 1; w >= 0; w--)
        {
            ulong v = BinaryPrimitives.ReadUInt64LittleEndian(words[(8 * w)..]);
            for (int shift = 60; shift >= 0; shift -= 4)
            {
                int d = (int)((v >> shift) & 0xF);
                if (d == 0 && !started) continue;
                started = true;
                dest[n++] = (byte)"0123456789abcdef"[d];
            }
        }
        if (!started) dest[n++] = (byte)'0';
        return n;
    }

    /// <summary>Deletes the scratch file.</summary>
    public void Dispose()
    {
        try { File.Delete(_path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
