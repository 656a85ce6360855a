using Pangy.Core.Datastore;
using Pangy.Core.Sqlite;

namespace Pangy.Core.Bubbles;

/// <summary>
/// Writes <c>bubbles.db</c> exactly as §3.3 defines it: the reference's table and index, its bulk pragmas, one row per
/// bubble in id order inside one transaction through one prepared statement, JSON columns as Python's
/// <c>json.dumps</c> writes them, then ANALYZE.
/// </summary>
internal sealed class BubblesDbWriter : IDisposable
{
    private const string CreateTable = """
        CREATE TABLE bubbles (
            id INTEGER PRIMARY KEY,
            chain INTEGER,
            chain_step INTEGER,
            subtype TEXT,
            parent INTEGER,
            children TEXT,
            siblings TEXT,
            source TEXT,
            sink TEXT,
            inside TEXT,
            range_exclusive TEXT,
            range_inclusive TEXT,
            length INTEGER,
            gc_count INTEGER,
            n_count INTEGER,
            x1 FLOAT,
            x2 FLOAT,
            y1 FLOAT,
            y2 FLOAT,
            link_data TEXT
        )
        """;

    private readonly SqliteDatabase _db;
    private readonly SqliteStatement _insert;
    private readonly BubbleGraphInput _input;
    private readonly Utf8Text _text = new();
    private bool _completed;

    public BubblesDbWriter(string path, BubbleGraphInput input)
    {
        _input = input;
        if (File.Exists(path)) File.Delete(path);
        _db = SqliteDatabase.Create(path);
        try
        {
            _db.Exec("PRAGMA page_size=8192");
            _db.Exec("PRAGMA journal_mode=OFF");
            _db.Exec("PRAGMA synchronous=OFF");
            _db.Exec("PRAGMA cache_size=-16000");
            _db.Exec("PRAGMA temp_store=MEMORY");
            _db.Exec(CreateTable);
            _db.Exec("BEGIN");
            _insert = _db.Prepare(
                "INSERT INTO bubbles (id, chain, chain_step, subtype, parent, children, siblings, source, sink, inside, " +
                "range_exclusive, range_inclusive, length, gc_count, n_count, x1, x2, y1, y2, link_data) " +
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)");
        }
        catch
        {
            _db.Dispose();
            throw;
        }
    }

    public void Write(BubbleRow row)
    {
        var st = _insert;
        var t = _text;
        st.BindInt64(1, row.Id);
        st.BindInt64(2, row.Chain);
        st.BindInt64(3, row.ChainStep);
        st.BindText(4, SubtypeUtf8(row.Kind));
        if (row.Parent == 0) st.BindNull(5); else st.BindInt64(5, row.Parent);
        st.BindText(6, t.Clear().IntList(row.Children).Span);
        st.BindText(7, t.Clear().Ascii("[").IntOrNull(row.PrevSibling).Ascii(", ").IntOrNull(row.NextSibling).Ascii("]").Span);
        st.BindText(8, t.Clear().IntList(row.Source).Span);
        st.BindText(9, t.Clear().IntList(row.Sink).Span);
        st.BindText(10, t.Clear().IntList(row.Inside).Span);
        st.BindText(11, t.Clear().Ranges(row.RangeExclusive).Span);
        st.BindText(12, t.Clear().Ranges(row.RangeInclusive).Span);
        st.BindInt64(13, row.Length);
        st.BindInt64(14, row.GcCount);
        st.BindInt64(15, row.NCount);
        st.BindDouble(16, row.X1);
        st.BindDouble(17, row.X2);
        st.BindDouble(18, row.Y1);
        st.BindDouble(19, row.Y2);
        // Decision 3: {"source":["7+12+",...],"sink":[...]} with links.db ids. Compact JSON (no spaces after the
        // separators): the column is Pangy's own, nothing of the reference parses it, and at ~6 links a bubble the
        // spaces were a tenth of its bytes.
        t.Clear().Ascii("{\"source\":[");
        AppendLinkIds(t, row.SourceLinks);
        t.Ascii("],\"sink\":[");
        AppendLinkIds(t, row.SinkLinks);
        st.BindText(20, t.Ascii("]}").Span);
        st.Step();
        st.Reset();
    }

    /// <summary>
    /// Commits, creates the index and runs ANALYZE, as the reference does after a bulk load. Its VACUUM is left out:
    /// rows arrive in rowid order, so the table is filled append-only, and the index is built from sorted keys, so
    /// VACUUM would only repack the last pages (under 1 %) while holding a second copy of the database in memory
    /// (temp_store=MEMORY).
    /// </summary>
    public void Complete()
    {
        _insert.Dispose();
        _db.Exec("COMMIT");
        // After the load, as the reference's other tables do: built from sorted keys, the index's pages come out full
        // (created first and filled row by row, an eighth of it was free space).
        _db.Exec("CREATE INDEX idx_bubble_chain ON bubbles(chain, chain_step)");
        _db.Exec("ANALYZE");
        _completed = true;
    }

    public void Dispose()
    {
        if (!_completed) _insert.Dispose();
        _db.Dispose();
    }

    private static ReadOnlySpan<byte> SubtypeUtf8(BubbleKind kind) => kind switch
    {
        BubbleKind.Simple => "simple"u8,
        BubbleKind.Insertion => "insertion"u8,
        _ => "super"u8,
    };

    private void AppendLinkIds(Utf8Text t, List<int> links)
    {
        Span<byte> id = stackalloc byte[LinkIdText.MaxBytes];
        for (int i = 0; i < links.Count; i++)
        {
            int k = links[i];
            if (i > 0) t.Ascii(",");
            t.Ascii("\"").Bytes(id[.._input.FormatLinkId(k, id)]).Ascii("\"");
        }
    }

    /// <summary>A reusable UTF-8 buffer for the JSON columns, so that a row allocates nothing.</summary>
    private sealed class Utf8Text
    {
        private byte[] _buf = new byte[4096];
        private int _len;

        public ReadOnlySpan<byte> Span => _buf.AsSpan(0, _len);
        public Utf8Text Clear() { _len = 0; return this; }

        private void Ensure(int more)
        {
            if (_len + more > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + more));
        }

        public Utf8Text Ascii(string s)
        {
            Ensure(s.Length);
            foreach (char c in s) _buf[_len++] = (byte)c;
            return this;
        }

        public Utf8Text Bytes(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(_buf.AsSpan(_len));
            _len += bytes.Length;
            return this;
        }

        public Utf8Text Int(long v)
        {
            Ensure(20);
            System.Buffers.Text.Utf8Formatter.TryFormat(v, _buf.AsSpan(_len), out int written);
            _len += written;
            return this;
        }

        public Utf8Text IntOrNull(int v) => v == 0 ? Ascii("null") : Int(v);

        /// <summary><c>json.dumps</c> of a list of ints: <c>[1, 2, 3]</c>.</summary>
        public Utf8Text IntList(List<int> values)
        {
            Ascii("[");
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0) Ascii(", ");
                Int(values[i]);
            }
            return Ascii("]");
        }

        /// <summary><c>json.dumps</c> of a list of (a, b) tuples: <c>[[1, 2], [5, 5]]</c>.</summary>
        public Utf8Text Ranges(List<(int Start, int End)> ranges)
        {
            Ascii("[");
            for (int i = 0; i < ranges.Count; i++)
            {
                if (i > 0) Ascii(", ");
                Ascii("[").Int(ranges[i].Start).Ascii(", ").Int(ranges[i].End).Ascii("]");
            }
            return Ascii("]");
        }
    }
}
