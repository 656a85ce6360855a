using System.Globalization;
using System.Text;
using Pangy.Core.Bubbles;
using Pangy.Core.Build;

namespace Pangy.Core.Tests.Bubbles;

/// <summary>
/// Small GFA helpers for the bubble tests: a <see cref="BubbleGraphInput"/> straight from GFA text, and chromosome
/// directories built by the chromosome build from a GFA file or text.
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

    /// <summary>Builds a chromosome directory with the chromosome build (what <c>pangy add</c> runs before the bubble stage).</summary>
    public static void BuildChromosome(string dir, string gfaPath, string layoutPath, string reference) =>
        ChromosomeBuilder.BuildAsync(InputFile.FromPath(gfaPath), InputFile.FromPath(layoutPath),
            new ChromosomeBuildOptions { Reference = reference }, dir).GetAwaiter().GetResult();

    /// <summary>
    /// Builds a chromosome directory from GFA text (it needs a P line for <paramref name="reference"/>), with an odgi
    /// TSV layout that puts the k-th S line at x = 10k → 10k + 5.
    /// </summary>
    public static void BuildChromosomeFromText(string dir, string gfaText, string reference = "ref")
    {
        string inputs = dir + ".inputs";
        Directory.CreateDirectory(inputs);
        string gfa = Path.Combine(inputs, "graph.gfa"), layout = Path.Combine(inputs, "graph.lay.tsv");
        File.WriteAllText(gfa, gfaText);
        int segments = gfaText.Split('\n').Count(line => line.StartsWith("S\t", StringComparison.Ordinal));
        var tsv = new StringBuilder("idx\tX\tY\tcomponent\n");
        for (int k = 0; k < segments; k++)
        {
            tsv.Append(CultureInfo.InvariantCulture, $"{2 * k}\t{10 * k}.0\t0.0\t0\n");
            tsv.Append(CultureInfo.InvariantCulture, $"{2 * k + 1}\t{10 * k + 5}.0\t0.0\t0\n");
        }
        File.WriteAllText(layout, tsv.ToString());
        BuildChromosome(dir, gfa, layout, reference);
    }
}
