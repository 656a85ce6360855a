using System.Globalization;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Skeleton.Polychains;

/// <summary>
/// One chain (a run of bubbles in chain order) as a polyline entry (§7.4 step 3, the reference's
/// <c>build_chain_polyline</c>): source centroid → bubble centres → sink centroid, RDP-simplified; bubble positions
/// along it; lengths; the reference bp span.
/// </summary>
internal sealed class ChainPolyline(SkeletonGraph graph, BubbleTable bubbles)
{
    private readonly HashSet<int> _counted = [];
    private readonly List<(double X, double Y)> _raw = [];

    /// <summary>The entry for <paramref name="chain"/> (bubbles in order, already oriented), or null when it has no
    /// polyline.</summary>
    public ChainPiece? Build(int chainId, IReadOnlyList<int> chain)
    {
        if (chain.Count == 0) return null;
        _raw.Clear();
        _counted.Clear();
        int? startSeg = null, endSeg = null;
        var first = bubbles.Source(chain[0]);
        if (!first.IsEmpty)
        {
            startSeg = first[0];
            if (graph.IsValid(first[0])) _raw.Add(graph.Centroid(first[0]));
        }

        long length = 0, gc = 0;
        var subtypes = new List<(string Name, int Count)>();
        var lengths = graph.Lengths;
        foreach (int b in chain)
        {
            length += bubbles.Length(b);
            gc += bubbles.GcCount(b);
            // Boundary segments shared by neighbouring bubbles count once.
            foreach (int s in bubbles.Source(b))
                if (_counted.Add(s) && graph.IsValid(s)) length += lengths[s];
            foreach (int s in bubbles.Sink(b))
                if (_counted.Add(s) && graph.IsValid(s)) length += lengths[s];
            string st = bubbles.SubtypeName(b);
            int k = 0;
            while (k < subtypes.Count && subtypes[k].Name != st) k++;
            if (k == subtypes.Count) subtypes.Add((st, 1)); else subtypes[k] = (st, subtypes[k].Count + 1);
            var centre = ((bubbles.X1(b) + bubbles.X2(b)) / 2.0, (bubbles.Y1(b) + bubbles.Y2(b)) / 2.0);
            if (_raw.Count == 0 || _raw[^1] != centre) _raw.Add(centre);
        }
        var last = bubbles.Sink(chain[^1]);
        if (!last.IsEmpty)
        {
            endSeg = last[0];
            if (graph.IsValid(last[0]))
            {
                var pt = graph.Centroid(last[0]);
                if (_raw.Count == 0 || _raw[^1] != pt) _raw.Add(pt);
            }
        }
        if (_raw.Count < 2)
        {
            if (chain.Count != 1) return null;
            int b = chain[0];
            double cx = (bubbles.X1(b) + bubbles.X2(b)) / 2.0, cy = (bubbles.Y1(b) + bubbles.Y2(b)) / 2.0;
            _raw.Clear();
            _raw.Add((cx - 0.5, cy));
            _raw.Add((cx + 0.5, cy));
        }

        double[] bubbleT = BubblePositions(chain);

        int minStep = int.MaxValue, maxStep = int.MinValue;
        foreach (int b in chain) { minStep = Math.Min(minStep, bubbles.ChainStep(b)); maxStep = Math.Max(maxStep, bubbles.ChainStep(b)); }

        // bp span over every bubble's inclusive step ranges.
        long refMin = long.MaxValue, refMax = long.MinValue;
        foreach (int b in chain)
        {
            var r = bubbles.RangesInclusive(b);
            for (int i = 0; i + 1 < r.Length; i += 2) { refMin = Math.Min(refMin, r[i]); refMax = Math.Max(refMax, r[i + 1]); }
        }
        var starts = graph.StepStarts; var stepEnds = graph.StepEnds;
        long? bpStart = null, bpEnd = null, bpHead = null, bpTail = null;
        long bpSpan;
        if (refMin != long.MaxValue && refMin < starts.Length && refMax < stepEnds.Length)
        {
            bpStart = starts[(int)refMin];
            bpEnd = stepEnds[(int)refMax];
            bpSpan = bpEnd.Value - bpStart.Value;
            var r0 = bubbles.RangesInclusive(chain[0]);
            if (r0.Length >= 2 && r0[0] < starts.Length) bpHead = starts[r0[0]];
            var rl = bubbles.RangesInclusive(chain[^1]);
            if (rl.Length >= 2 && rl[1] < stepEnds.Length) bpTail = stepEnds[rl[1]];
        }
        else
        {
            bpSpan = length;
        }

        double span = Math.Max(Math.Abs(_raw[^1].X - _raw[0].X), Math.Abs(_raw[^1].Y - _raw[0].Y));
        double epsilon = Math.Max(0.5, span / 500);
        var simplified = Rdp.Simplify(_raw, epsilon);
        var rounded = new List<(double X, double Y)>(simplified.Count);
        double plMin = double.PositiveInfinity, plMax = double.NegativeInfinity;
        foreach (var (x, y) in simplified)
        {
            double rx = PythonRound.Round(x, 1);
            rounded.Add((rx, PythonRound.Round(y, 1)));
            plMin = Math.Min(plMin, rx);
            plMax = Math.Max(plMax, rx);
        }

        // Counter.most_common(1): the highest count, the first seen among equals.
        var best = subtypes[0];
        foreach (var s in subtypes) if (s.Count > best.Count) best = s;

        var ids = new int[chain.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = chain[i];
        return new ChainPiece
        {
            Id = "c" + chainId.ToString(CultureInfo.InvariantCulture),
            Polyline = rounded,
            Length = length,
            GcCount = gc,
            BpSpan = bpSpan,
            BpStart = bpStart, BpEnd = bpEnd, BpHead = bpHead, BpTail = bpTail,
            NBubbles = chain.Count,
            Subtype = best.Name,
            SourceSegs = bubbles.Source(chain[0]).ToArray(),
            SinkSegs = bubbles.Sink(chain[^1]).ToArray(),
            BubbleT = bubbleT,
            BubbleIds = ids,
            LayoutSpan = span,
            StartSeg = startSeg,
            EndSeg = endSeg,
            MinStep = minStep,
            MaxStep = maxStep,
            PlXMin = plMin,
            PlXMax = plMax,
        };
    }

    /// <summary>
    /// bubble_t: each bubble centre projected onto the raw polyline (arc length / total arc), forced strictly
    /// increasing, rescaled to [0, 1] (uniform when the range is 0), spaced at least 0.5/total arc, rounded to 6
    /// decimals — numpy's rounding for the projected values, Python's for the uniform ones, as in the reference.
    /// </summary>
    private double[] BubblePositions(IReadOnlyList<int> chain)
    {
        int n = chain.Count;
        if (n == 1) return [0.5];
        int k = _raw.Count;
        var cum = new double[k];
        for (int i = 1; i < k; i++)
        {
            double dx = _raw[i].X - _raw[i - 1].X, dy = _raw[i].Y - _raw[i - 1].Y;
            cum[i] = cum[i - 1] + Math.Sqrt(dx * dx + dy * dy);
        }
        double totalArc = cum[k - 1] > 0 ? cum[k - 1] : 1.0;
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            int b = chain[i];
            t[i] = Project((bubbles.X1(b) + bubbles.X2(b)) / 2.0, (bubbles.Y1(b) + bubbles.Y2(b)) / 2.0, cum) / totalArc;
        }
        for (int i = 1; i < n; i++) if (t[i] <= t[i - 1]) t[i] = t[i - 1] + 1e-6;
        double tMin = t[0], tRange = t[n - 1] - t[0];
        bool projected = tRange > 0;
        if (projected) for (int i = 0; i < n; i++) t[i] = (t[i] - tMin) / tRange;
        else for (int i = 0; i < n; i++) t[i] = (double)i / (n - 1);
        double minGap = 0.5 / totalArc;
        for (int i = 1; i < n; i++)
            if (t[i] - t[i - 1] < minGap) t[i] = Math.Min(1.0, t[i - 1] + minGap);
        for (int i = 0; i < n; i++) t[i] = projected ? PythonRound.NumpyRound(t[i], 6) : PythonRound.Round(t[i], 6);
        return t;
    }

    /// <summary>Arc length of the point's nearest projection onto the raw polyline (the first segment wins ties),
    /// computed as the reference's vectorised version does.</summary>
    private double Project(double px, double py, double[] cum)
    {
        double bestDist = double.PositiveInfinity, bestArc = 0;
        for (int i = 0; i + 1 < _raw.Count; i++)
        {
            double ax = _raw[i].X, ay = _raw[i].Y;
            double dx = _raw[i + 1].X - ax, dy = _raw[i + 1].Y - ay;
            double lenSq = dx * dx + dy * dy;
            double rx = px - ax, ry = py - ay;
            double t = lenSq != 0 ? (rx * dx + ry * dy) / lenSq : 0.0;
            t = Math.Clamp(t, 0.0, 1.0);
            double ex = rx - t * dx, ey = ry - t * dy;
            double dist = ex * ex + ey * ey;
            if (dist < bestDist)
            {
                bestDist = dist;
                bestArc = cum[i] + t * (cum[i + 1] - cum[i]);
            }
        }
        return bestArc;
    }
}

/// <summary>Ramer–Douglas–Peucker simplification as the reference's <c>rdp_simplify</c> (segment distance, first
/// farthest point), iterative so long chains cannot exhaust the stack.</summary>
internal static class Rdp
{
    public static List<(double X, double Y)> Simplify(List<(double X, double Y)> points, double epsilon)
    {
        int n = points.Count;
        if (n <= 2) return [.. points];
        var keep = new bool[n];
        keep[0] = keep[n - 1] = true;
        var stack = new Stack<(int Start, int End)>();
        stack.Push((0, n - 1));
        while (stack.Count > 0)
        {
            var (s, e) = stack.Pop();
            if (e - s < 2) continue;
            double maxDist = 0;
            int maxIdx = s;
            for (int i = s + 1; i < e; i++)
            {
                double d = Distance(points[i], points[s], points[e]);
                if (d > maxDist) { maxDist = d; maxIdx = i; }
            }
            if (maxDist > epsilon)
            {
                keep[maxIdx] = true;
                stack.Push((maxIdx, e));
                stack.Push((s, maxIdx));
            }
        }
        var result = new List<(double X, double Y)>();
        for (int i = 0; i < n; i++) if (keep[i]) result.Add(points[i]);
        return result;
    }

    private static double Distance((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y;
        double lenSq = dx * dx + dy * dy;
        if (lenSq == 0) return double.Hypot(p.X - a.X, p.Y - a.Y);
        double t = ((p.X - a.X) * dx + (p.Y - a.Y) * dy) / lenSq;
        t = Math.Max(0.0, Math.Min(1.0, t));
        return double.Hypot(p.X - (a.X + t * dx), p.Y - (a.Y + t * dy));
    }
}
