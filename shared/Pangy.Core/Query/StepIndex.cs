using Pangy.Core.Datastore;

namespace Pangy.Core.Query;

/// <summary>
/// <c>steps.mmapindex/</c> (§4.1): the reference walk's 1-based inclusive bp coordinates and segment per step, and the
/// reference (<c>genome</c>) it belongs to. The inverse map (segment → its steps) is built on first use.
/// </summary>
public sealed class StepIndex : IDisposable
{
    private readonly IndexColumnFile<uint> _starts, _ends, _segments;
    private readonly Lazy<(int[] Offsets, int[] Steps)> _bySegment;

    public StepIndex(string chromosomeDir)
    {
        string dir = StepIndexLayout.Index.DirectoryIn(chromosomeDir);
        var meta = IndexFiles.ReadMeta(dir);
        Genome = IndexFiles.Text(meta, StepIndexLayout.GenomeKey)
                 ?? throw new IndexUnusableException($"{IndexLayout.MetaFileIn(dir)} has no genome; rebuild the chromosome");
        _starts = IndexFiles.Open(dir, StepIndexLayout.Starts);
        _ends = IndexFiles.Open(dir, StepIndexLayout.Ends);
        _segments = IndexFiles.Open(dir, StepIndexLayout.Segments);
        if (_ends.Length != _starts.Length || _segments.Length != _starts.Length)
            throw new IndexUnusableException($"{dir}: arrays of different lengths; rebuild the chromosome");
        _bySegment = new Lazy<(int[], int[])>(BuildInverse, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The reference name the steps belong to (the step index's <c>genome</c> key, §3.4).</summary>
    public string Genome { get; }

    /// <summary>Number of reference steps.</summary>
    public int Length => (int)_starts.Length;

    public ReadOnlySpan<uint> Starts => _starts.Span;
    public ReadOnlySpan<uint> Ends => _ends.Span;
    public ReadOnlySpan<uint> Segments => _segments.Span;

    /// <summary>
    /// The step holding <paramref name="bp"/> (§8.3): the largest i with starts[i] ≤ bp, clamped to 0, so positions
    /// before the first step give 0 and positions past the end give the last step.
    /// </summary>
    public int StepAt(long bp)
    {
        var starts = _starts.Span;
        if (starts.Length == 0) throw new NotFoundQueryException("the reference has no steps");
        if (bp <= starts[0]) return 0;
        if (bp >= uint.MaxValue) return starts.Length - 1;
        int lo = 0, hi = starts.Length; // first index with starts[i] > bp
        uint key = (uint)bp;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (starts[mid] <= key) lo = mid + 1; else hi = mid;
        }
        return Math.Max(0, lo - 1);
    }

    /// <summary>The step range [start, end] of a bp window (either order of the ends).</summary>
    public (int Start, int End) StepRange(long startBp, long endBp)
    {
        int a = StepAt(startBp), b = StepAt(endBp);
        return a <= b ? (a, b) : (b, a);
    }

    /// <summary>The reference steps of <paramref name="segment"/>, ascending (empty when it is off the reference).</summary>
    public ReadOnlySpan<int> StepsOf(long segment)
    {
        var (offsets, steps) = _bySegment.Value;
        if ((ulong)segment + 1 >= (ulong)offsets.Length) return [];
        return steps.AsSpan(offsets[segment], offsets[segment + 1] - offsets[segment]);
    }

    private (int[], int[]) BuildInverse()
    {
        var segs = _segments.Span;
        uint max = 0;
        foreach (uint s in segs) if (s > max) max = s;
        var offsets = new int[max + 2];
        foreach (uint s in segs) offsets[s + 1]++;
        for (int i = 1; i < offsets.Length; i++) offsets[i] += offsets[i - 1];
        var fill = (int[])offsets.Clone();
        var steps = new int[segs.Length];
        for (int i = 0; i < segs.Length; i++) steps[fill[segs[i]]++] = i;
        return (offsets, steps);
    }

    public void Dispose()
    {
        _starts.Dispose(); _ends.Dispose(); _segments.Dispose();
    }
}
