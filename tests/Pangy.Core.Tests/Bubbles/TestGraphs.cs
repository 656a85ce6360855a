using System.Globalization;
using Microsoft.Data.Sqlite;
using Pangy.Core.Bubbles;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Tests.Bubbles;

/// <summary>
/// Small GFA-to-input helpers for the bubble tests: a <see cref="BubbleGraphInput"/> straight from GFA text, and a
/// chromosome directory holding just the files the bubble stage reads (segments.db, links.mmapindex,
/// steps.mmapindex), laid out as the chromosome build writes them.
/// </summary>
internal static class TestGraphs
{
    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    /// <summary>A parsed GFA: S lines (id, sequence), L lines, and the reference path's segment ids.</summary>
    public sealed record Gfa(List<(int Id, string Seq)> Segments, List<(int From, bool FromFwd, int To, bool ToFwd)> Links, List<int> RefSteps);

    public static Gfa ParseGfa(string text, string? refSubstring)
    {
        var segs = new List<(int, string)>();
        var links = new List<(int, bool, int, bool)>();
        var steps = new List<int>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            var c = line.Split('\t');
            switch (c[0])
            {
                case "S": segs.Add((int.Parse(c[1], CultureInfo.InvariantCulture), c[2].ToUpperInvariant())); break;
                case "L":
                    links.Add((int.Parse(c[1], CultureInfo.InvariantCulture), c[2] == "+", int.Parse(c[3], CultureInfo.InvariantCulture), c[4] == "+"));
                    break;
                case "P" when refSubstring is not null && c[1].Contains(refSubstring, StringComparison.Ordinal):
                    steps.AddRange(c[2].Split(',').Select(s => int.Parse(s[..^1], CultureInfo.InvariantCulture)));
                    break;
            }
        }
        return new Gfa(segs, links, steps);
    }

    /// <summary>odgi TSV rows 2k and 2k+1 are the start and end of the k-th S line.</summary>
    public static List<(double X1, double Y1, double X2, double Y2)> ParseOdgiTsv(string path)
    {
        var rows = File.ReadLines(path).Skip(1).Select(l => l.Split('\t')).ToList();
        var result = new List<(double, double, double, double)>();
        for (int k = 0; 2 * k + 1 < rows.Count; k++)
            result.Add((double.Parse(rows[2 * k][1], CultureInfo.InvariantCulture), double.Parse(rows[2 * k][2], CultureInfo.InvariantCulture),
                double.Parse(rows[2 * k + 1][1], CultureInfo.InvariantCulture), double.Parse(rows[2 * k + 1][2], CultureInfo.InvariantCulture)));
        return result;
    }

    /// <summary>An input straight from GFA text; coordinates are the S-line position (x1 = 10k, x2 = 10k + 5) unless given.</summary>
    public static BubbleGraphInput Input(string gfaText, string? refSubstring = null,
        List<(double X1, double Y1, double X2, double Y2)>? layout = null)
    {
        var gfa = ParseGfa(gfaText, refSubstring);
        layout ??= gfa.Segments.Select((_, k) => (10.0 * k, 0.0, 10.0 * k + 5, 0.0)).ToList();
        var order = Enumerable.Range(0, gfa.Segments.Count).OrderBy(k => gfa.Segments[k].Id).ToArray();
        int n = order.Length;
        var ids = new int[n]; var len = new int[n]; var gc = new int[n]; var nc = new int[n];
        var x1 = new double[n]; var y1 = new double[n]; var x2 = new double[n]; var y2 = new double[n];
        for (int i = 0; i < n; i++)
        {
            var (id, seq) = gfa.Segments[order[i]];
            ids[i] = id; len[i] = seq.Length;
            gc[i] = seq.Count(ch => ch is 'G' or 'C'); nc[i] = seq.Count(ch => ch == 'N');
            (x1[i], y1[i], x2[i], y2[i]) = layout[order[i]];
        }
        return new BubbleGraphInput(ids, len, gc, nc, x1, y1, x2, y2,
            gfa.Links.Select(l => l.From).ToArray(), gfa.Links.Select(l => l.FromFwd).ToArray(),
            gfa.Links.Select(l => l.To).ToArray(), gfa.Links.Select(l => l.ToFwd).ToArray(),
            gfa.RefSteps.ToArray());
    }

    /// <summary>
    /// Writes the files the bubble stage reads into <paramref name="dir"/>, as the chromosome build lays them out:
    /// segments.db rows in S-line order with float64 coordinates, links.mmapindex in L-line order ('+' = 1), and the
    /// reference path's segments in steps.mmapindex.
    /// </summary>
    public static void WriteChromosomeDir(string dir, string gfaPath, string layoutPath, string refSubstring) =>
        WriteChromosomeDir(dir, ParseGfa(File.ReadAllText(gfaPath), refSubstring), ParseOdgiTsv(layoutPath));

    /// <summary>A chromosome directory from GFA text, with the S-line-position layout of <see cref="Input"/>.</summary>
    public static void WriteChromosomeDirFromText(string dir, string gfaText, string? refSubstring = null)
    {
        var gfa = ParseGfa(gfaText, refSubstring);
        WriteChromosomeDir(dir, gfa, gfa.Segments.Select((_, k) => (10.0 * k, 0.0, 10.0 * k + 5, 0.0)).ToList());
    }

    private static void WriteChromosomeDir(string dir, Gfa gfa, List<(double X1, double Y1, double X2, double Y2)> layout)
    {
        Directory.CreateDirectory(dir);
        string dbPath = Path.Combine(dir, "segments.db");
        if (File.Exists(dbPath)) File.Delete(dbPath);
        using (var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString()))
        {
            conn.Open();
            using var tx = conn.BeginTransaction();
            using (var create = conn.CreateCommand())
            {
                create.CommandText = "CREATE TABLE segments(id INTEGER PRIMARY KEY, gc_count INTEGER NOT NULL, n_count INTEGER NOT NULL, " +
                    "length INTEGER NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL, x2 REAL NOT NULL, y2 REAL NOT NULL, seq TEXT NOT NULL)";
                create.ExecuteNonQuery();
            }
            using var insert = conn.CreateCommand();
            insert.CommandText = "INSERT INTO segments VALUES ($id, $gc, $n, $len, $x1, $y1, $x2, $y2, $seq)";
            var p = new[] { "$id", "$gc", "$n", "$len", "$x1", "$y1", "$x2", "$y2", "$seq" }.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
            for (int k = 0; k < gfa.Segments.Count; k++)
            {
                var (id, seq) = gfa.Segments[k];
                var (x1, y1, x2, y2) = layout[k];
                p[0].Value = id; p[1].Value = seq.Count(ch => ch is 'G' or 'C'); p[2].Value = seq.Count(ch => ch == 'N'); p[3].Value = seq.Length;
                p[4].Value = x1; p[5].Value = y1; p[6].Value = x2; p[7].Value = y2; p[8].Value = seq;
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        string links = Path.Combine(dir, "links.mmapindex");
        Directory.CreateDirectory(links);
        NpyWriter.WriteFile<uint>(Path.Combine(links, "from_ids.npy"), gfa.Links.Select(l => (uint)l.From).ToArray());
        NpyWriter.WriteFile<uint>(Path.Combine(links, "to_ids.npy"), gfa.Links.Select(l => (uint)l.To).ToArray());
        NpyWriter.WriteFile<byte>(Path.Combine(links, "from_strands.npy"), gfa.Links.Select(l => (byte)(l.FromFwd ? 1 : 0)).ToArray());
        NpyWriter.WriteFile<byte>(Path.Combine(links, "to_strands.npy"), gfa.Links.Select(l => (byte)(l.ToFwd ? 1 : 0)).ToArray());
        string steps = Path.Combine(dir, "steps.mmapindex");
        Directory.CreateDirectory(steps);
        NpyWriter.WriteFile<uint>(Path.Combine(steps, "segments.npy"), gfa.RefSteps.Select(s => (uint)s).ToArray());
    }
}
