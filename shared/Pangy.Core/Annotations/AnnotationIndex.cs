using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Pangy.Core.Annotations;

/// <summary>
/// The read side of one annotation set (reference <c>AnnotationIndex</c>, §8.3): range queries for <c>/genes</c>, name
/// search for <c>/search</c>, and gene → transcript → exon trees. Opens <c>annotations.db</c> read-only; each call
/// takes a connection of its own from the instance's pool, so one instance serves all requests concurrently. The pool
/// belongs to the instance, not to the path (ADO.NET pooling would hand a new instance the old connections of a set
/// that was replaced since). The gene-name list comes from the quick index (or, when that is missing, from the
/// database; the index never writes). It reads through ADO.NET rather than the raw core in <c>Sqlite/</c>: a request
/// here runs one or two small queries (gene rows are cached per chromosome), so the per-row cost the raw core saves
/// does not show, and named parameters keep the queries readable.
/// </summary>
public sealed class AnnotationIndex : IDisposable
{
    private const string SelectColumns =
        "SELECT id, type, chrom, start, \"end\", strand, source, gene_name, exon_number, parent, tag, ensembl_canonical, mane_select FROM annotations";

    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private readonly Lazy<HashSet<string>> _maneGenes;
    private readonly ConcurrentDictionary<string, Lazy<ChromosomeGenes>> _genesByChrom = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    private AnnotationIndex(string directory, string connectionString, IReadOnlyList<string> geneNames)
    {
        Directory = directory;
        _connectionString = connectionString;
        GeneNames = geneNames;
        _maneGenes = new Lazy<HashSet<string>>(LoadManeGenes, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The annotation set's directory.</summary>
    public string Directory { get; }

    /// <summary>The distinct gene names, in SQLite's <c>ORDER BY gene_name</c> order (the quick index).</summary>
    public IReadOnlyList<string> GeneNames { get; }

    /// <summary>Opens the annotation set in <paramref name="annotationsDirectory"/> (the folder holding <c>annotations.db</c>).</summary>
    /// <exception cref="FileNotFoundException">There is no <c>annotations.db</c>.</exception>
    /// <exception cref="InvalidDataException">The file is not an annotations database.</exception>
    public static AnnotationIndex Open(string annotationsDirectory)
    {
        ArgumentNullException.ThrowIfNull(annotationsDirectory);
        string dir = Path.GetFullPath(annotationsDirectory);
        string dbPath = Path.Combine(dir, AnnotationSchema.DatabaseFileName);
        if (!File.Exists(dbPath)) throw new FileNotFoundException($"no {AnnotationSchema.DatabaseFileName} in {dir}", dbPath);
        string cs = new SqliteConnectionStringBuilder
        {
            DataSource = dbPath,
            Mode = SqliteOpenMode.ReadOnly,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        }.ToString();
        using (var conn = ConnectRaw(cs)) CheckSchema(conn, dbPath);
        string quick = Path.Combine(dir, AnnotationSchema.QuickIndexFileName);
        var names = File.Exists(quick) ? AnnotationQuickIndex.Read(quick) : LoadGeneNames(cs);
        return new AnnotationIndex(dir, cs, names);
    }

    /// <summary>
    /// Gene rows of <paramref name="chrom"/> lying fully inside [<paramref name="start"/>, <paramref name="end"/>]
    /// (<c>start &gt;= ? AND end &lt;= ? AND type = 'gene'</c>), ordered by start, end and file order. With
    /// <paramref name="maneOnly"/>, only genes whose name has a MANE Select transcript anywhere (the reference's join
    /// ignores the chromosome).
    /// </summary>
    /// <remarks>
    /// The gene rows of a chromosome are read once, on its first query, and kept sorted by start (genes are few: some
    /// 60 000 for a whole human GENCODE); a query is then a binary search. In SQLite the same query walks every row
    /// (exons included) whose start lies between the window's start and the chromosome's end, since the end bound
    /// cannot stop an index scan on start. A chromosome without genes is not cached.
    /// </remarks>
    public IReadOnlyList<AnnotationRecord> Genes(string chrom, long start, long end, bool maneOnly)
    {
        ArgumentNullException.ThrowIfNull(chrom);
        var genes = GenesOf(chrom);
        var result = new List<AnnotationRecord>();
        if (genes.ByStart.Length == 0) return result;
        var mane = maneOnly ? _maneGenes.Value : null;
        int i = LowerBound(genes.ByStart, start);
        for (; i < genes.ByStart.Length && genes.ByStart[i].Start <= end; i++)
        {
            var g = genes.ByStart[i];
            if (g.End <= end && (mane is null || g.GeneName is { } n && mane.Contains(n))) result.Add(g);
        }
        // Rows with start > end (the import refuses them; a database from elsewhere may hold some) can lie fully
        // inside the window with a start past its end: checked one by one, then put back in order.
        if (genes.Inverted.Length > 0)
        {
            int before = result.Count;
            foreach (var g in genes.Inverted)
                if (g.Start >= start && g.End <= end && (mane is null || g.GeneName is { } n && mane.Contains(n))) result.Add(g);
            if (result.Count > before) result = [.. result.OrderBy(g => g.Start).ThenBy(g => g.End).ThenBy(g => genes.Order[g])];
        }
        return result;
    }

    private static int LowerBound(AnnotationRecord[] byStart, long start)
    {
        int lo = 0, hi = byStart.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (byStart[mid].Start < start) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private sealed record ChromosomeGenes(AnnotationRecord[] ByStart, AnnotationRecord[] Inverted, Dictionary<AnnotationRecord, int> Order);

    private static readonly ChromosomeGenes NoGenes = new([], [], []);

    private ChromosomeGenes GenesOf(string chrom)
    {
        if (_genesByChrom.TryGetValue(chrom, out var cached)) return cached.Value;
        var rows = Query(SelectColumns + " WHERE chrom = $chrom AND type = 'gene' ORDER BY start, \"end\", rowid", ("$chrom", chrom));
        if (rows.Count == 0) return NoGenes;
        return _genesByChrom.GetOrAdd(chrom, _ => new Lazy<ChromosomeGenes>(() =>
        {
            var inverted = rows.Where(r => r.Start > r.End).ToArray();
            var order = new Dictionary<AnnotationRecord, int>(ReferenceEqualityComparer.Instance);
            for (int k = 0; k < rows.Count; k++) order[rows[k]] = k;
            return new ChromosomeGenes(rows.Where(r => r.Start <= r.End).ToArray(), inverted, inverted.Length > 0 ? order : []);
        })).Value;
    }

    /// <summary>
    /// The reference's <c>query_gene_range</c> trees: every row (gene, transcript, exon) fully inside the range, joined
    /// into genes → transcripts → exons by ID and Parent. Transcripts or exons whose parent is not in the range are
    /// dropped, as are genes' parts outside it. Transcripts are in <see cref="TranscriptPriority"/> order. The query also
    /// bounds the start by <paramref name="end"/>, so that the index scan stops at the window's end; that excludes
    /// nothing but rows with start &gt; end, which the import refuses.
    /// </summary>
    public IReadOnlyList<GeneModel> GeneModels(string chrom, long start, long end, bool maneOnly)
    {
        ArgumentNullException.ThrowIfNull(chrom);
        var rows = Query(SelectColumns + " WHERE chrom = $chrom AND start >= $start AND start <= $end AND \"end\" <= $end ORDER BY start, \"end\", rowid",
            ("$chrom", chrom), ("$start", start), ("$end", end));
        return GeneTrees.Build(maneOnly ? FilterMane(rows) : rows);
    }

    /// <summary>
    /// Gene rows whose name contains <paramref name="query"/> ignoring case: the gene-name list is scanned in order,
    /// each match's gene rows are fetched, and the result is cut to <paramref name="limit"/> (§8.3 <c>/search</c>).
    /// </summary>
    public IReadOnlyList<AnnotationRecord> Search(string query, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var results = new List<AnnotationRecord>();
        if (limit == 0) return results;
        using var lease = Rent();
        using var cmd = lease.Connection.CreateCommand();
        cmd.CommandText = SelectColumns + " WHERE gene_name = $name AND type = 'gene' ORDER BY rowid";
        var p = cmd.Parameters.Add("$name", SqliteType.Text);
        foreach (string name in GeneNames)
        {
            if (!name.Contains(query, StringComparison.OrdinalIgnoreCase)) continue;
            p.Value = name;
            ReadRows(cmd, results);
            if (results.Count >= limit) break;
        }
        if (results.Count > limit) results.RemoveRange(limit, results.Count - limit);
        return results;
    }

    /// <summary>
    /// The first gene (in file order) named <paramref name="geneName"/>, with its transcripts (priority order) and
    /// their exons; null when there is none. See <see cref="GeneModelsNamed"/> for names shared by several genes.
    /// </summary>
    public GeneModel? Gene(string geneName)
    {
        var models = GeneModelsNamed(geneName);
        return models.Count == 0 ? null : models[0];
    }

    /// <summary>Every gene named <paramref name="geneName"/> (for example the X and Y copies of a PAR gene), as trees.</summary>
    public IReadOnlyList<GeneModel> GeneModelsNamed(string geneName)
    {
        ArgumentNullException.ThrowIfNull(geneName);
        var rows = Query(SelectColumns + " WHERE gene_name = $name ORDER BY rowid", ("$name", geneName));
        return GeneTrees.Build(rows);
    }

    /// <summary>The names of genes that have a MANE Select transcript (loaded once, on first use).</summary>
    public IReadOnlySet<string> ManeGeneNames => _maneGenes.Value;

    private List<AnnotationRecord> FilterMane(List<AnnotationRecord> rows)
    {
        var mane = _maneGenes.Value;
        return rows.FindAll(r => r.GeneName is { } n && mane.Contains(n));
    }

    // The flags are only ever set on transcript (and mRNA) rows, so this is the reference's join on
    // type = 'transcript' AND mane_select = 1, extended to mRNA.
    private HashSet<string> LoadManeGenes()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        using var lease = Rent();
        using var cmd = lease.Connection.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT gene_name FROM annotations WHERE mane_select = 1 AND gene_name IS NOT NULL";
        using var r = cmd.ExecuteReader();
        while (r.Read()) set.Add(r.GetString(0));
        return set;
    }

    private List<AnnotationRecord> Query(string sql, params (string Name, object Value)[] parameters)
    {
        using var lease = Rent();
        using var cmd = lease.Connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        var rows = new List<AnnotationRecord>();
        ReadRows(cmd, rows);
        return rows;
    }

    private static void ReadRows(SqliteCommand cmd, List<AnnotationRecord> into)
    {
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            into.Add(new AnnotationRecord(
                Id: r.IsDBNull(0) ? null : r.GetString(0),
                Type: r.GetString(1),
                Chrom: r.GetString(2),
                Start: r.GetInt64(3),
                End: r.GetInt64(4),
                Strand: r.IsDBNull(5) ? null : r.GetString(5),
                Source: r.IsDBNull(6) ? null : r.GetString(6),
                GeneName: r.IsDBNull(7) ? null : r.GetString(7),
                ExonNumber: r.IsDBNull(8) ? null : ToInt(r.GetInt64(8)),
                Parent: r.IsDBNull(9) ? null : r.GetString(9),
                Tag: r.IsDBNull(10) ? "" : r.GetString(10),
                EnsemblCanonical: !r.IsDBNull(11) && r.GetInt64(11) != 0,
                ManeSelect: !r.IsDBNull(12) && r.GetInt64(12) != 0));
        }
    }

    private static int? ToInt(long v) => v is >= int.MinValue and <= int.MaxValue ? (int)v : null;

    private Lease Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Lease(this, _idle.TryTake(out var conn) ? conn : NewConnection());
    }

    // The reference's runtime settings: a memory-mapped read of the file (annotation sets are small and immutable).
    private SqliteConnection NewConnection()
    {
        var conn = ConnectRaw(_connectionString);
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA mmap_size=268435456";
        cmd.ExecuteNonQuery();
        return conn;
    }

    private void Return(SqliteConnection conn)
    {
        if (_disposed) conn.Dispose();
        else
        {
            _idle.Add(conn);
            // Dispose may have drained the bag between the check and the add.
            if (_disposed) DrainIdle();
        }
    }

    private void DrainIdle()
    {
        while (_idle.TryTake(out var c)) c.Dispose();
    }

    /// <summary>A connection borrowed from the pool for one call.</summary>
    private readonly struct Lease(AnnotationIndex owner, SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;
        public void Dispose() => owner.Return(Connection);
    }

    private static SqliteConnection ConnectRaw(string cs)
    {
        var conn = new SqliteConnection(cs);
        conn.Open();
        return conn;
    }

    private static IReadOnlyList<string> LoadGeneNames(string cs)
    {
        using var conn = ConnectRaw(cs);
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT gene_name FROM annotations WHERE gene_name IS NOT NULL ORDER BY gene_name";
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read()) names.Add(r.GetString(0));
        return names;
    }

    private static void CheckSchema(SqliteConnection conn, string dbPath)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT name FROM pragma_table_info('annotations')";
            using var r = cmd.ExecuteReader();
            while (r.Read()) columns.Add(r.GetString(0));
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{dbPath}: not a readable SQLite database ({e.Message})", e);
        }
        if (columns.Count == 0) throw new InvalidDataException($"{dbPath}: no 'annotations' table");
        foreach (string c in AnnotationSchema.Columns)
            if (!columns.Contains(c)) throw new InvalidDataException($"{dbPath}: the annotations table has no '{c}' column");
    }

    /// <summary>Closes this index's connections (those in use close when their call ends).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        DrainIdle();
    }
}

/// <summary>Builds gene → transcript → exon trees the way the reference's <c>construct_genes</c> does.</summary>
internal static class GeneTrees
{
    /// <summary>
    /// Genes in row order; a transcript joins the gene whose ID is its Parent, an exon the transcript whose ID is its
    /// Parent, each in row order; parts whose parent is not among the rows are dropped. Transcripts are then put in
    /// priority order. A row without an ID cannot be a parent.
    /// </summary>
    public static IReadOnlyList<GeneModel> Build(IReadOnlyList<AnnotationRecord> rows)
    {
        var genes = new List<AnnotationRecord>();
        var geneIds = new HashSet<string>(StringComparer.Ordinal);
        var transcripts = new List<AnnotationRecord>();
        var exonsByTranscript = new Dictionary<string, List<AnnotationRecord>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.IsGene)
            {
                genes.Add(row);
                if (row.Id is not null) geneIds.Add(row.Id);
            }
            else if (row.IsTranscript)
            {
                transcripts.Add(row);
                if (row.Id is not null) exonsByTranscript.TryAdd(row.Id, []);
            }
        }
        foreach (var row in rows)
            if (row.IsExon && row.Parent is not null && exonsByTranscript.TryGetValue(row.Parent, out var list)) list.Add(row);

        var byGene = new Dictionary<string, List<TranscriptModel>>(StringComparer.Ordinal);
        foreach (var t in transcripts)
        {
            if (t.Parent is null || !geneIds.Contains(t.Parent)) continue;
            IReadOnlyList<AnnotationRecord> exons = t.Id is not null && exonsByTranscript.TryGetValue(t.Id, out var ex) ? ex : [];
            if (!byGene.TryGetValue(t.Parent, out var tl)) byGene[t.Parent] = tl = [];
            tl.Add(new TranscriptModel(t, exons));
        }
        var models = new List<GeneModel>(genes.Count);
        foreach (var g in genes)
        {
            IReadOnlyList<TranscriptModel> ts = g.Id is not null && byGene.TryGetValue(g.Id, out var tl) ? TranscriptPriority.Order(tl) : [];
            models.Add(new GeneModel(g, ts));
        }
        return models;
    }
}
