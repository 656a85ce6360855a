namespace Pangy.Core.Query;

/// <summary>
/// Reads the integers of a JSON list column (<c>[1, 2]</c>, <c>[[18, 18], [20, 21]]</c>, <c>[null, 3]</c>) in order,
/// flattening nested lists; <c>null</c> reads as 0 (ids start at 1).
/// </summary>
public static class JsonIntList
{
    /// <summary>Appends the integers of <paramref name="utf8"/> to <paramref name="into"/> (as <see cref="Parse"/> reads them).</summary>
    public static void AppendTo(ReadOnlySpan<byte> utf8, List<int> into)
    {
        int i = 0;
        while (i < utf8.Length)
        {
            byte b = utf8[i];
            if (b == 'n') { into.Add(0); i += 4; continue; }
            if ((uint)(b - '0') <= 9 || b == '-')
            {
                bool neg = b == '-';
                if (neg) i++;
                long v = 0;
                while (i < utf8.Length && (uint)(utf8[i] - '0') <= 9) v = v * 10 + (utf8[i++] - '0');
                into.Add((int)(neg ? -v : v));
                continue;
            }
            i++;
        }
    }

    public static int[] Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= 2) return [];
        int count = 0;
        bool inNumber = false;
        foreach (byte b in utf8)
        {
            bool digit = (uint)(b - '0') <= 9 || b == '-' || b == 'n';
            if (digit && !inNumber) count++;
            inNumber = digit || (inNumber && (b is (byte)'u' or (byte)'l'));
        }
        if (count == 0) return [];
        var result = new int[count];
        int k = 0, i = 0;
        while (i < utf8.Length && k < count)
        {
            byte b = utf8[i];
            if (b == 'n') { result[k++] = 0; i += 4; continue; }
            if ((uint)(b - '0') <= 9 || b == '-')
            {
                bool neg = b == '-';
                if (neg) i++;
                long v = 0;
                while (i < utf8.Length && (uint)(utf8[i] - '0') <= 9) v = v * 10 + (utf8[i++] - '0');
                result[k++] = (int)(neg ? -v : v);
                continue;
            }
            i++;
        }
        return result;
    }
}
