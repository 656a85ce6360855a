using System.Text;

namespace Pangy.Core.Tests.Formats.Fuzzing;

/// <summary>
/// Deterministic mutations of a valid input: case <c>i</c> of seed <c>s</c> is always the same bytes, so a finding is
/// reproduced from two numbers. Each case applies one to four edits of the kinds a damaged or hand-edited upload
/// shows: flipped bytes, truncation, lines duplicated, deleted or swapped, fields spliced between lines, numbers made
/// huge or negative, invalid UTF-8, CRLF line ends, and for binary files integers overwritten in the header.
/// </summary>
internal static class Mutator
{
    private static readonly string[] HugeNumbers =
        ["99999999999999999999", "-1", "-2147483649", "2147483648", "4294967296", "9223372036854775808", "1e308", "-0", "NaN", "0x10", ""];

    private static readonly byte[] Punctuation = "\t\n,:{}[]\"#+-<>*\0"u8.ToArray();

    private static readonly byte[][] BadUtf8 = [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]];

    /// <summary>
    /// The random seed of one case: a fixed mix (SplitMix64's finalizer) of the fuzz seed and the case number. Not
    /// <c>HashCode.Combine</c>, which is randomized per process: with it a finding could not be reproduced, and a CI run
    /// tried different cases each time.
    /// </summary>
    internal static int CaseSeed(int fuzzSeed, long index)
    {
        ulong z = unchecked(((ulong)(uint)fuzzSeed << 40) ^ (ulong)index ^ 0x5eed_0000_0000_5eedUL);
        z = unchecked((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94d049bb133111ebUL);
        return (int)(z ^ (z >> 31));
    }

    /// <summary>The mutated bytes of case <paramref name="index"/>, and a short description of the edits.</summary>
    public static (byte[] Bytes, string Edits) Mutate(byte[] seed, int fuzzSeed, long index)
    {
        var rng = new Random(CaseSeed(fuzzSeed, index));
        var data = new List<byte>(seed);
        var edits = new StringBuilder();
        int count = 1 + rng.Next(4);
        for (int k = 0; k < count; k++)
        {
            int kind = rng.Next(11);
            edits.Append(kind switch
            {
                0 => FlipBits(data, rng),
                1 => Truncate(data, rng),
                2 => LineEdit(data, rng, duplicate: true),
                3 => LineEdit(data, rng, duplicate: false),
                4 => SwapLines(data, rng),
                5 => SpliceField(data, rng),
                6 => HugeNumber(data, rng),
                7 => InsertBytes(data, rng, BadUtf8[rng.Next(BadUtf8.Length)], "utf8"),
                8 => ToCrLf(data, rng),
                9 => OverwriteInt(data, rng),
                _ => InsertBytes(data, rng, [Punctuation[rng.Next(Punctuation.Length)]], "punct"),
            }).Append(' ');
        }
        return (data.ToArray(), edits.ToString().TrimEnd());
    }

    private static string FlipBits(List<byte> d, Random rng)
    {
        if (d.Count == 0) return "flip-empty";
        int n = 1 + rng.Next(8);
        // Half the flips land in the first 64 bytes, where headers and magic numbers live.
        for (int i = 0; i < n; i++)
        {
            int at = rng.Next(2) == 0 ? rng.Next(Math.Min(64, d.Count)) : rng.Next(d.Count);
            d[at] ^= (byte)(1 << rng.Next(8));
        }
        return $"flip{n}";
    }

    private static string Truncate(List<byte> d, Random rng)
    {
        int at = rng.Next(d.Count + 1);
        d.RemoveRange(at, d.Count - at);
        return $"trunc@{at}";
    }

    private static List<(int Start, int End)> Lines(List<byte> d)
    {
        var lines = new List<(int, int)>();
        int start = 0;
        for (int i = 0; i < d.Count; i++)
            if (d[i] == (byte)'\n') { lines.Add((start, i + 1)); start = i + 1; }
        if (start < d.Count) lines.Add((start, d.Count));
        return lines;
    }

    private static string LineEdit(List<byte> d, Random rng, bool duplicate)
    {
        var lines = Lines(d);
        if (lines.Count == 0) return "line-none";
        int i = rng.Next(lines.Count);
        var (s, e) = lines[i];
        if (duplicate)
        {
            var copy = d.GetRange(s, e - s);
            if (copy.Count == 0 || copy[^1] != (byte)'\n') copy.Add((byte)'\n');
            d.InsertRange(rng.Next(2) == 0 ? e : lines[rng.Next(lines.Count)].Start, copy);
            return $"dup-line{i + 1}";
        }
        d.RemoveRange(s, e - s);
        return $"del-line{i + 1}";
    }

    private static string SwapLines(List<byte> d, Random rng)
    {
        var lines = Lines(d);
        if (lines.Count < 2) return "swap-none";
        int a = rng.Next(lines.Count), b = rng.Next(lines.Count);
        if (a == b) return "swap-same";
        if (a > b) (a, b) = (b, a);
        var la = d.GetRange(lines[a].Start, lines[a].End - lines[a].Start);
        var lb = d.GetRange(lines[b].Start, lines[b].End - lines[b].Start);
        if (lb.Count > 0 && lb[^1] != (byte)'\n') { lb.Add((byte)'\n'); la.RemoveAt(la.Count - 1); }
        d.RemoveRange(lines[b].Start, lines[b].End - lines[b].Start);
        d.InsertRange(lines[b].Start, la);
        d.RemoveRange(lines[a].Start, lines[a].End - lines[a].Start);
        d.InsertRange(lines[a].Start, lb);
        return $"swap{a + 1},{b + 1}";
    }

    // A tab- or comma-separated field of one line put into another line, replacing one of its fields or added.
    private static string SpliceField(List<byte> d, Random rng)
    {
        var lines = Lines(d);
        if (lines.Count == 0) return "splice-none";
        var from = Fields(d, lines[rng.Next(lines.Count)]);
        var to = Fields(d, lines[rng.Next(lines.Count)]);
        if (from.Count == 0 || to.Count == 0) return "splice-empty";
        var (fs, fe) = from[rng.Next(from.Count)];
        var piece = d.GetRange(fs, fe - fs);
        var (ts, te) = to[rng.Next(to.Count)];
        if (rng.Next(2) == 0) { d.RemoveRange(ts, te - ts); d.InsertRange(ts, piece); return "splice-replace"; }
        piece.Insert(0, (byte)'\t');
        d.InsertRange(te, piece);
        return "splice-add";
    }

    private static List<(int Start, int End)> Fields(List<byte> d, (int Start, int End) line)
    {
        var fields = new List<(int, int)>();
        int s = line.Start;
        for (int i = line.Start; i <= line.End; i++)
        {
            bool end = i == line.End || d[i] is (byte)'\t' or (byte)',' or (byte)'\n' or (byte)'\r';
            if (!end) continue;
            if (i > s) fields.Add((s, i));
            s = i + 1;
        }
        return fields;
    }

    private static string HugeNumber(List<byte> d, Random rng)
    {
        // Find digit runs; replace one with an absurd number.
        var runs = new List<(int, int)>();
        for (int i = 0; i < d.Count;)
        {
            if (d[i] is >= (byte)'0' and <= (byte)'9')
            {
                int s = i;
                while (i < d.Count && d[i] is >= (byte)'0' and <= (byte)'9') i++;
                runs.Add((s, i));
                if (runs.Count > 4096) break;
            }
            else i++;
        }
        if (runs.Count == 0) return "huge-none";
        var (start, end) = runs[rng.Next(runs.Count)];
        string n = HugeNumbers[rng.Next(HugeNumbers.Length)];
        d.RemoveRange(start, end - start);
        d.InsertRange(start, Encoding.ASCII.GetBytes(n));
        return $"huge@{start}={n}";
    }

    private static string InsertBytes(List<byte> d, Random rng, byte[] bytes, string what)
    {
        int at = rng.Next(d.Count + 1);
        d.InsertRange(at, bytes);
        return $"{what}@{at}";
    }

    private static string ToCrLf(List<byte> d, Random rng)
    {
        bool all = rng.Next(2) == 0;
        for (int i = d.Count - 1; i >= 0; i--)
            if (d[i] == (byte)'\n' && (all || rng.Next(4) == 0) && (i == 0 || d[i - 1] != (byte)'\r')) d.Insert(i, (byte)'\r');
        return all ? "crlf" : "crlf-some";
    }

    // For binary formats: a 32-bit little-endian integer in the first 256 bytes set to an extreme value.
    private static string OverwriteInt(List<byte> d, Random rng)
    {
        if (d.Count < 4) return "int-none";
        int at = rng.Next(Math.Min(256, d.Count - 3)) & ~3;
        uint[] values = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x10000000, (uint)d.Count];
        uint v = values[rng.Next(values.Length)];
        for (int b = 0; b < 4; b++) d[at + b] = (byte)(v >> (8 * b));
        return $"int@{at}={v:x}";
    }
}
