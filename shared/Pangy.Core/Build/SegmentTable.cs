using System.Threading.Channels;
using Pangy.Core.Datastore;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Sqlite;

namespace Pangy.Core.Build;

/// <summary>
/// The segments of a chromosome as they stream in: per-id arrays (length, GC, N, float32 layout) for
/// <c>segments.mmapindex</c>, and rows for <c>segments.db</c> written by a background thread while parsing goes on.
/// </summary>
internal sealed class SegmentTable : IDisposable
{
    private const int BatchRows = 4096;

    private uint[] _length = [], _gc = [], _n = [];
    private float[] _x1 = [], _y1 = [], _x2 = [], _y2 = [];
    private byte[] _valid = [];
    private int[] _line = [];

    private readonly Channel<SegmentBatch> _full = Channel.CreateBounded<SegmentBatch>(4);
    private readonly Channel<SegmentBatch> _free = Channel.CreateUnbounded<SegmentBatch>();
    private readonly Task _writer;
    private readonly CancellationToken _cancellationToken;
    private SegmentBatch _current;

    /// <param name="dbPath">Where segments.db goes.</param>
    /// <param name="expectedMaxId">Largest id expected (from the layout's size), so the per-id arrays are allocated once.</param>
    /// <param name="cancellationToken">Stops the background writer between batches (and the name rows every 64 Ki).</param>
    public SegmentTable(string dbPath, int expectedMaxId, CancellationToken cancellationToken = default)
    {
        _cancellationToken = cancellationToken;
        Resize(Math.Max(expectedMaxId + 1, 1024));
        for (int i = 0; i < 6; i++) _free.Writer.TryWrite(new SegmentBatch());
        _current = Take();
        _writer = Task.Factory.StartNew(() => WriteRows(dbPath), TaskCreationOptions.LongRunning);
    }

    public int Count { get; private set; }
    public int MaxId { get; private set; }
    public long TotalLength { get; private set; }

    public uint LengthOf(long id) => _length[id];

    /// <summary>Line on which segment <paramref name="id"/> was defined (for duplicate errors).</summary>
    public int LineOf(int id) => id < _line.Length ? _line[id] : 0;

    /// <summary>Adds one segment; <paramref name="seqUpper"/> is its upper-cased sequence as stored.</summary>
    public void Add(int id, long line, ReadOnlySpan<byte> seqUpper, int length, int gc, int n, double x1, double y1, double x2, double y2)
    {
        EnsureCapacity(id);
        _length[id] = (uint)length;
        _gc[id] = (uint)gc;
        _n[id] = (uint)n;
        _x1[id] = (float)x1; _y1[id] = (float)y1; _x2[id] = (float)x2; _y2[id] = (float)y2;
        _valid[id] = 1;
        _line[id] = (int)Math.Min(line, int.MaxValue);
        Count++;
        TotalLength += length;
        if (id > MaxId) MaxId = id;

        _current.Add(id, gc, n, length, x1, y1, x2, y2, seqUpper);
        if (_current.Count == BatchRows) Ship();
    }

    private void EnsureCapacity(int id)
    {
        if (id < _length.Length) return;
        Resize(Math.Max(id + 1, _length.Length + _length.Length / 2));
    }

    private void Resize(int size)
    {
        Array.Resize(ref _length, size); Array.Resize(ref _gc, size); Array.Resize(ref _n, size);
        Array.Resize(ref _x1, size); Array.Resize(ref _y1, size); Array.Resize(ref _x2, size); Array.Resize(ref _y2, size);
        Array.Resize(ref _valid, size); Array.Resize(ref _line, size);
    }

    private SegmentBatch Take()
    {
        if (_free.Reader.TryRead(out var b)) return b;
        // Back-pressure: wait for the writer to hand a batch back (it faults the channel on error).
        return _free.Reader.ReadAsync(_cancellationToken).AsTask().GetAwaiter().GetResult();
    }

    private void Ship()
    {
        if (_writer.IsFaulted) _writer.GetAwaiter().GetResult();
        var b = _current;
        if (!_full.Writer.TryWrite(b))
            _full.Writer.WriteAsync(b, _cancellationToken).AsTask().GetAwaiter().GetResult();
        _current = Take();
    }

    private void WriteRows(string dbPath)
    {
        try
        {
            using var db = BulkSqliteDatabase.Create(dbPath);
            db.Exec("CREATE TABLE segments(id INTEGER PRIMARY KEY, gc_count INTEGER NOT NULL, n_count INTEGER NOT NULL, " +
                    "length INTEGER NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL, x2 REAL NOT NULL, y2 REAL NOT NULL, seq TEXT NOT NULL)");
            using (var insert = db.Insert("segments", "id", "gc_count", "n_count", "length", "x1", "y1", "x2", "y2", "seq"))
            {
                while (_full.Reader.WaitToReadAsync(_cancellationToken).AsTask().GetAwaiter().GetResult())
                {
                    while (_full.Reader.TryRead(out var b))
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                        for (int i = 0; i < b.Count; i++)
                        {
                            insert.Int(b.Ids[i]).Int(b.Gc[i]).Int(b.N[i]).Int(b.Length[i])
                                .Real(b.Coords[4 * i]).Real(b.Coords[4 * i + 1]).Real(b.Coords[4 * i + 2]).Real(b.Coords[4 * i + 3])
                                .Text(b.Seq(i));
                            insert.EndRow();
                        }
                        b.Clear();
                        _free.Writer.TryWrite(b);
                    }
                }
            }
            if (_names is { } names)
            {
                db.Exec("CREATE TABLE segment_names(id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
                using var ins = db.Insert("segment_names", "id", "name");
                foreach (var (id, name) in names)
                {
                    ins.Int(id).Text(name);
                    ins.EndRow();
                    if ((ins.Count & 0xFFFF) == 0) _cancellationToken.ThrowIfCancellationRequested();
                }
            }
            db.Complete();
        }
        catch (Exception e)
        {
            // The parser waiting for a free batch sees why the writer stopped: a cancellation stays one.
            _free.Writer.TryComplete(e as OperationCanceledException ?? (Exception)new IOException($"{ChromosomeLayout.SegmentsDbName} writer failed"));
            throw;
        }
    }

    private IEnumerable<(int Id, string Name)>? _names;

    /// <summary>Ends the segment rows (adding the original-name table when ids were renumbered) and waits for segments.db.</summary>
    public Task CompleteAsync(IEnumerable<(int Id, string Name)>? originalNames)
    {
        _names = originalNames;
        if (_current.Count > 0) Ship();
        _full.Writer.TryComplete();
        return _writer;
    }

    /// <summary>Writes <c>segments.mmapindex/</c> (§4.1): arrays of size max_id+1 indexed by id, and meta.json.</summary>
    public void WriteIndex(string dir)
    {
        int size = MaxId + 1;
        IndexDirectoryWriter.Create(SegmentIndexLayout.Index, dir)
            .Write<uint>(SegmentIndexLayout.Length, _length.AsSpan(0, size))
            .Write<uint>(SegmentIndexLayout.GcCount, _gc.AsSpan(0, size))
            .Write<uint>(SegmentIndexLayout.NCount, _n.AsSpan(0, size))
            .Write<float>(SegmentIndexLayout.X1, _x1.AsSpan(0, size))
            .Write<float>(SegmentIndexLayout.Y1, _y1.AsSpan(0, size))
            .Write<float>(SegmentIndexLayout.X2, _x2.AsSpan(0, size))
            .Write<float>(SegmentIndexLayout.Y2, _y2.AsSpan(0, size))
            .Write<byte>(SegmentIndexLayout.Valid, _valid.AsSpan(0, size))
            .Finish((SegmentIndexLayout.CountKey, Count), (SegmentIndexLayout.MaxIdKey, MaxId));
    }

    public void Dispose()
    {
        _full.Writer.TryComplete();
        try { _writer.Wait(); } catch (AggregateException) { /* the build reports its own error */ }
    }

    private sealed class SegmentBatch
    {
        public readonly int[] Ids = new int[BatchRows], Gc = new int[BatchRows], N = new int[BatchRows], Length = new int[BatchRows];
        public readonly double[] Coords = new double[4 * BatchRows];
        private readonly int[] _seqStart = new int[BatchRows + 1];
        private byte[] _arena = new byte[1 << 20];
        public int Count;

        public void Add(int id, int gc, int n, int length, double x1, double y1, double x2, double y2, ReadOnlySpan<byte> seq)
        {
            int i = Count;
            Ids[i] = id; Gc[i] = gc; N[i] = n; Length[i] = length;
            Coords[4 * i] = x1; Coords[4 * i + 1] = y1; Coords[4 * i + 2] = x2; Coords[4 * i + 3] = y2;
            int start = _seqStart[i];
            if (start + seq.Length > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, start + seq.Length));
            seq.CopyTo(_arena.AsSpan(start));
            _seqStart[i + 1] = start + seq.Length;
            Count++;
        }

        public ReadOnlySpan<byte> Seq(int i) => _arena.AsSpan(_seqStart[i], _seqStart[i + 1] - _seqStart[i]);

        public void Clear() => Count = 0;
    }
}
