using System.Numerics;

namespace Pangy.Core.Skeleton;

/// <summary>Receives the traced polylines of one level, points in grid units (coordinate / cell).</summary>
internal interface IPolylineSink
{
    void Polyline(ReadOnlySpan<ulong> points, int chainId);
}

/// <summary>
/// Traces one <see cref="GridLevel"/> into polylines (§7.2): from every point whose degree is not 2, along each unused
/// incident edge through degree-2 points until a point of another degree or a used edge; then the leftover pure
/// cycles, edge by edge. A polyline's chain is the one with the largest summed weight over its edges, ties to the
/// smallest id.
/// </summary>
/// <remarks>
/// Order (the reference's follows Python set iteration and is not reproducible): points are numbered in order of
/// first appearance in the level's edge list (smaller end first), start points are taken in that order, a point's
/// incident edges in edge-list order, and leftover cycles start at their first unused edge, smaller end first. The
/// set of polylines, their point counts and chains do not depend on this order; only their order and direction do.
/// </remarks>
internal static class GridTracer
{
    public static void Trace(GridLevel level, IPolylineSink sink, CancellationToken cancellationToken = default)
    {
        int m = level.Count;
        if (m == 0) return;

        // Number the points.
        var pointIds = new PointMap(m);
        var edgeA = new int[m];
        var edgeB = new int[m];
        for (int e = 0; e < m; e++)
        {
            edgeA[e] = pointIds.GetOrAdd(level.A(e));
            edgeB[e] = pointIds.GetOrAdd(level.B(e));
        }
        int n = pointIds.Count;
        ulong[] points = pointIds.Keys;
        pointIds = null!; // the map is no longer needed; its key array lives on as `points`

        // Incident edges per point, in edge order (CSR).
        var offsets = new int[n + 1];
        for (int e = 0; e < m; e++) { offsets[edgeA[e] + 1]++; offsets[edgeB[e] + 1]++; }
        for (int i = 0; i < n; i++) offsets[i + 1] += offsets[i];
        var incident = new int[2 * m];
        var fill = new int[n];
        Array.Copy(offsets, fill, n);
        for (int e = 0; e < m; e++) { incident[fill[edgeA[e]]++] = e; incident[fill[edgeB[e]]++] = e; }
        fill = null!;

        var used = new bool[m];
        var path = new List<ulong>();
        var pathEdges = new List<int>();
        var votes = new Dictionary<int, long>();

        int Degree(int p) => offsets[p + 1] - offsets[p];
        int Other(int e, int p) => edgeA[e] == p ? edgeB[e] : edgeA[e];

        void Walk(int start, int firstEdge)
        {
            path.Clear();
            pathEdges.Clear();
            path.Add(points[start]);
            int prev = start, e = firstEdge;
            while (true)
            {
                if (used[e]) break;
                int cur = Other(e, prev);
                path.Add(points[cur]);
                used[e] = true;
                pathEdges.Add(e);
                if (Degree(cur) != 2) break;
                int o = offsets[cur];
                int next = incident[o] == e ? incident[o + 1] : incident[o];
                prev = cur;
                e = next;
            }
            if (path.Count < 2) return;
            sink.Polyline(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(path), Majority());
        }

        int Majority()
        {
            votes.Clear();
            foreach (int e in pathEdges)
                foreach (var (chain, weight) in level.Hist(e))
                {
                    votes.TryGetValue(chain, out long w);
                    votes[chain] = w + weight;
                }
            if (votes.Count == 0) return -1;
            long best = long.MinValue;
            int bestChain = int.MaxValue;
            foreach (var (chain, w) in votes)
                if (w > best || (w == best && chain < bestChain)) { best = w; bestChain = chain; }
            return bestChain;
        }

        for (int p = 0; p < n; p++)
        {
            if (Degree(p) == 2) continue;
            if ((p & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            for (int k = offsets[p]; k < offsets[p + 1]; k++)
                if (!used[incident[k]]) Walk(p, incident[k]);
        }
        for (int e = 0; e < m; e++)
            if (!used[e]) Walk(edgeA[e], e);
    }

    /// <summary>Packed grid point → dense index, numbered in insertion order.</summary>
    private sealed class PointMap
    {
        private int[] _table;
        private int _mask;
        public ulong[] Keys;
        public int Count;

        public PointMap(int edges)
        {
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, edges * 4));
            _table = new int[size];
            Array.Fill(_table, -1);
            _mask = size - 1;
            Keys = new ulong[Math.Max(16, edges + 1)];
        }

        public int GetOrAdd(ulong key)
        {
            int slot = (int)(GridLevel.Mix(key, 0x5bd1e995UL) & (ulong)_mask);
            while (true)
            {
                int id = _table[slot];
                if (id < 0) break;
                if (Keys[id] == key) return id;
                slot = (slot + 1) & _mask;
            }
            if (Count == Keys.Length) Array.Resize(ref Keys, Keys.Length * 2);
            Keys[Count] = key;
            _table[slot] = Count;
            if (++Count * 2 > _table.Length) Grow();
            return Count - 1;
        }

        private void Grow()
        {
            _table = new int[_table.Length * 2];
            Array.Fill(_table, -1);
            _mask = _table.Length - 1;
            for (int i = 0; i < Count; i++)
            {
                int slot = (int)(GridLevel.Mix(Keys[i], 0x5bd1e995UL) & (ulong)_mask);
                while (_table[slot] >= 0) slot = (slot + 1) & _mask;
                _table[slot] = i;
            }
        }
    }
}
