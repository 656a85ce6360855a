using Pangy.Core.Datastore;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Sqlite;

namespace Pangy.Core.Bubbles;

/// <summary>Reads a <see cref="BubbleGraphInput"/> from the files the chromosome build wrote.</summary>
internal static class ChromosomeInputReader
{
    public static BubbleGraphInput Read(string dir, CancellationToken cancellationToken)
    {
        var layout = new ChromosomeLayout(dir);
        string segmentsDb = layout.SegmentsDb;
        string linksDir = layout.IndexDirectory(LinkIndexLayout.Index);
        string stepsNpy = layout.ColumnFile(StepIndexLayout.Index, StepIndexLayout.Segments);
        RequireFile(segmentsDb);
        foreach (var column in new INpyColumn[] { LinkIndexLayout.FromIds, LinkIndexLayout.ToIds, LinkIndexLayout.FromStrands, LinkIndexLayout.ToStrands })
            RequireFile(Path.Combine(linksDir, column.FileName));
        RequireFile(stepsNpy);

        var (ids, len, gc, nc, x1, y1, x2, y2) = ReadSegments(segmentsDb, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        int[] from, to;
        bool[] fromFwd, toFwd;
        string links = LinkIndexLayout.Index.DirectoryName;
        using (var a = IndexColumnFile<uint>.Open(linksDir, LinkIndexLayout.FromIds, BuildWrites, mapNow: true))
            from = ToInt(a.Span, $"{links}/{LinkIndexLayout.FromIds.FileName}");
        using (var a = IndexColumnFile<uint>.Open(linksDir, LinkIndexLayout.ToIds, BuildWrites, mapNow: true))
            to = ToInt(a.Span, $"{links}/{LinkIndexLayout.ToIds.FileName}");
        using (var a = IndexColumnFile<byte>.Open(linksDir, LinkIndexLayout.FromStrands, BuildWrites, mapNow: true))
            fromFwd = ToStrand(a.Span, $"{links}/{LinkIndexLayout.FromStrands.FileName}");
        using (var a = IndexColumnFile<byte>.Open(linksDir, LinkIndexLayout.ToStrands, BuildWrites, mapNow: true))
            toFwd = ToStrand(a.Span, $"{links}/{LinkIndexLayout.ToStrands.FileName}");
        if (to.Length != from.Length || fromFwd.Length != from.Length || toFwd.Length != from.Length)
            throw new BadInputException(links, null, "link arrays have different lengths");

        int[] steps;
        using (var a = IndexColumnFile<uint>.Open(layout.IndexDirectory(StepIndexLayout.Index), StepIndexLayout.Segments, BuildWrites, mapNow: true))
            steps = ToInt(a.Span, $"{StepIndexLayout.Index.DirectoryName}/{StepIndexLayout.Segments.FileName}");

        return new BubbleGraphInput(ids, len, gc, nc, x1, y1, x2, y2, from, fromFwd, to, toFwd, steps,
            ChromosomeLayout.SegmentsDbName, links, StepIndexLayout.Index.DirectoryName);
    }

    /// <summary>
    /// The original segment names of a renumbered graph (decision 5: <c>segments.db</c> then holds
    /// <c>segment_names(id, name)</c>), as name → id; null when the graph kept its integer names.
    /// </summary>
    public static Dictionary<string, int>? ReadSegmentNames(string dir)
    {
        string path = new ChromosomeLayout(dir).SegmentsDb;
        RequireFile(path);
        using var db = SqliteDatabase.OpenReadOnly(path);
        if (!db.HasTable("segment_names")) return null;
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        using var st = db.Prepare("SELECT id, name FROM segment_names");
        while (st.Step()) names[st.Text(1)] = checked((int)st.Int64(0));
        return names;
    }

    private const string BuildWrites = "missing from the chromosome directory (the chromosome build writes it)";

    private static void RequireFile(string path)
    {
        if (!File.Exists(path)) throw new BadInputException(path, null, BuildWrites);
    }

    private static (int[] ids, int[] len, int[] gc, int[] nc, double[] x1, double[] y1, double[] x2, double[] y2)
        ReadSegments(string path, CancellationToken cancellationToken)
    {
        using var db = SqliteDatabase.OpenReadOnly(path);
        if (!db.HasTable("segments"))
            throw new BadInputException(path, null, "no table 'segments'");
        long count;
        using (var c = db.Prepare("SELECT COUNT(*) FROM segments"))
        {
            c.Step();
            count = c.Int64(0);
        }
        int n = checked((int)count);
        var ids = new int[n]; var len = new int[n]; var gc = new int[n]; var nc = new int[n];
        var x1 = new double[n]; var y1 = new double[n]; var x2 = new double[n]; var y2 = new double[n];
        // id is the INTEGER PRIMARY KEY, so ORDER BY id is the rowid scan: ascending segment id, as §6.1 requires.
        using var st = db.Prepare("SELECT id, length, gc_count, n_count, x1, y1, x2, y2 FROM segments ORDER BY id");
        int i = 0;
        while (st.Step())
        {
            if (i >= n) throw new BadInputException(path, null, "segments table changed while it was read");
            long id = st.Int64(0);
            if (id < 0 || id > int.MaxValue)
                throw new BadInputException(path, null, $"segment id {id} is outside 0..{int.MaxValue}");
            ids[i] = (int)id;
            len[i] = checked((int)st.Int64(1));
            gc[i] = checked((int)st.Int64(2));
            nc[i] = checked((int)st.Int64(3));
            x1[i] = st.Double(4); y1[i] = st.Double(5); x2[i] = st.Double(6); y2[i] = st.Double(7);
            i++;
            if ((i & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
        }
        if (i != n) throw new BadInputException(path, null, "segments table changed while it was read");
        return (ids, len, gc, nc, x1, y1, x2, y2);
    }

    private static int[] ToInt(ReadOnlySpan<uint> values, string name)
    {
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            uint v = values[i];
            if (v > int.MaxValue) throw new BadInputException(name, null, $"segment id {v} is outside 0..{int.MaxValue}");
            result[i] = (int)v;
        }
        return result;
    }

    private static bool[] ToStrand(ReadOnlySpan<byte> values, string name)
    {
        var result = new bool[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            // links.mmapindex encodes '+' as 1 and '-' as 0 (§4.1).
            byte v = values[i];
            if (v > 1) throw new BadInputException(name, null, $"strand code {v} at link {i} is neither 0 ('-') nor 1 ('+')");
            result[i] = v == LinkIndexLayout.Forward;
        }
        return result;
    }
}
