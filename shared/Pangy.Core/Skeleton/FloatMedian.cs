namespace Pangy.Core.Skeleton;

/// <summary>
/// The median of a list of floats by selection (nth_element) rather than a full sort: the middle value of an odd
/// count, and for an even count the float mean of the two middle values, <c>(lower + upper) / 2f</c> — exactly what
/// sorting and indexing gives, since the values are only moved, never changed.
/// </summary>
internal static class FloatMedian
{
    /// <summary>The median of <paramref name="values"/> (reordered in place); the values must not be NaN.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static float Of(Span<float> values)
    {
        int n = values.Length;
        if (n == 0) throw new ArgumentException("no values", nameof(values));
        int half = n / 2;
        float upper = Select(values, half);
        if (n % 2 == 1) return upper;
        // Everything before the selected position is at most it, so the lower middle is the largest of those.
        float lower = values[0];
        foreach (float v in values[1..half]) if (v > lower) lower = v;
        return (lower + upper) / 2f;
    }

    /// <summary>
    /// Moves the k-th smallest value (from 0) to position <paramref name="k"/>, with no larger value before it, and
    /// returns it: quickselect with a median-of-three pivot and a three-way partition (runs of equal values end at
    /// once); after too many rounds, which only an adversarial order causes, the remaining range is sorted.
    /// </summary>
    internal static float Select(Span<float> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        int rounds = 2 * (64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)a.Length)) + 8;
        while (hi > lo)
        {
            if (rounds-- == 0)
            {
                a[lo..(hi + 1)].Sort();
                return a[k];
            }
            float x = a[lo], y = a[lo + (hi - lo) / 2], z = a[hi];
            float pivot = x < y ? (y < z ? y : Math.Max(x, z)) : (x < z ? x : Math.Max(y, z));
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                float v = a[i];
                if (v < pivot) { a[i] = a[lt]; a[lt] = v; lt++; i++; }
                else if (v > pivot) { a[i] = a[gt]; a[gt] = v; gt--; }
                else i++;
            }
            // a[lo..lt) < pivot, a[lt..gt] == pivot, a(gt..hi] > pivot
            if (k < lt) hi = lt - 1;
            else if (k > gt) lo = gt + 1;
            else return pivot;
        }
        return a[k];
    }
}
