using System.Text;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Bubbles;

/// <summary>
/// Writes <c>bubbles.db</c> exactly as §3.3 defines it: the reference's table and index, its bulk pragmas, one row per
/// bubble in id order inside one transaction through one prepared statement, JSON columns as Python's
/// <c>json.dumps</c> writes them, then ANALYZE and VACUUM.
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

    private readonly RawSqlite _db;
    private readonly RawSqlite.Statement _insert;
    private readonly BubbleGraphInput _input;
    private readonly StringBuilder _sb = new();
    private bool _completed;

    public BubblesDbWriter(string path, BubbleGraphInput input)
    {
        _input = input;
        if (File.Exists(path)) File.Delete(path);
        _db = RawSqlite.Create(path);
        try
        {
            _db.Exec("PRAGMA page_size=8192");
            _db.Exec("PRAGMA journal_mode=OFF");
            _db.Exec("PRAGMA synchronous=OFF");
            _db.Exec("PRAGMA cache_size=-64000");
            _db.Exec("PRAGMA temp_store=MEMORY");
            _db.Exec(CreateTable);
            _db.Exec("CREATE INDEX idx_bubble_chain ON bubbles(chain, chain_step)");
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
        st.BindInt64(1, row.Id);
        st.BindInt64(2, row.Chain);
        st.BindInt64(3, row.ChainStep);
        st.BindText(4, BubbleRow.SubtypeName(row.Kind));
        if (row.Parent == 0) st.BindNull(5); else st.BindInt64(5, row.Parent);
        st.BindText(6, IntList(row.Children));
        st.BindText(7, Siblings(row.PrevSibling, row.NextSibling));
        st.BindText(8, IntList(row.Source));
        st.BindText(9, IntList(row.Sink));
        st.BindText(10, IntList(row.Inside));
        st.BindText(11, Ranges(row.RangeExclusive));
        st.BindText(12, Ranges(row.RangeInclusive));
        st.BindInt64(13, row.Length);
        st.BindInt64(14, row.GcCount);
        st.BindInt64(15, row.NCount);
        st.BindDouble(16, row.X1);
        st.BindDouble(17, row.X2);
        st.BindDouble(18, row.Y1);
        st.BindDouble(19, row.Y2);
        st.BindText(20, LinkData(row.SourceLinks, row.SinkLinks));
        st.Step();
        st.Reset();
    }

    /// <summary>Commits, then ANALYZE and VACUUM as the reference does after every bulk load.</summary>
    public void Complete()
    {
        _insert.Dispose();
        _db.Exec("COMMIT");
        _db.Exec("ANALYZE");
        _db.Exec("VACUUM");
        _completed = true;
    }

    public void Dispose()
    {
        if (!_completed) _insert.Dispose();
        _db.Dispose();
    }

    private string IntList(List<int> values)
    {
        _sb.Clear();
        _sb.Append('[');
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            _sb.Append(values[i]);
        }
        return _sb.Append(']').ToString();
    }

    private static string Siblings(int prev, int next) =>
        $"[{(prev == 0 ? "null" : prev.ToString(System.Globalization.CultureInfo.InvariantCulture))}, " +
        $"{(next == 0 ? "null" : next.ToString(System.Globalization.CultureInfo.InvariantCulture))}]";

    private string Ranges(List<(int Start, int End)> ranges)
    {
        _sb.Clear();
        _sb.Append('[');
        for (int i = 0; i < ranges.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            _sb.Append('[').Append(ranges[i].Start).Append(", ").Append(ranges[i].End).Append(']');
        }
        return _sb.Append(']').ToString();
    }

    /// <summary>Decision 3: <c>{"source": ["7+12+", ...], "sink": [...]}</c> with links.db ids.</summary>
    private string LinkData(List<int> sourceLinks, List<int> sinkLinks)
    {
        _sb.Clear();
        _sb.Append("{\"source\": [");
        AppendLinkIds(sourceLinks);
        _sb.Append("], \"sink\": [");
        AppendLinkIds(sinkLinks);
        return _sb.Append("]}").ToString();
    }

    private void AppendLinkIds(List<int> links)
    {
        for (int i = 0; i < links.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            PyJson.AppendString(_sb, _input.LinkId(links[i]));
        }
    }
}
