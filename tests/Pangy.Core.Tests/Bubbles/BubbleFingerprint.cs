using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Tests.Bubbles;

/// <summary>
/// The bubbles.db fingerprint of Pangy decision 7 (the reference's <c>tools/fingerprint_bubbles.py</c> with
/// <c>link_data</c> pinned to <c>{}</c>): per row in id order, an object of all columns with <c>children</c>/<c>inside</c>
/// sorted, <c>source</c>/<c>sink</c> sorted after their head, the box rounded to 4 decimals as Python's <c>round</c>,
/// serialized with sorted keys and <c>,</c>/<c>:</c> separators; SHA-256 over all rows; first 16 hex digits.
/// </summary>
internal static class BubbleFingerprint
{
    private static readonly string[] SetColumns = ["children", "inside"];
    private static readonly string[] HeadTailColumns = ["source", "sink"];
    private static readonly string[] VerbatimColumns = ["siblings", "range_exclusive", "range_inclusive"];
    private static readonly string[] FloatColumns = ["x1", "x2", "y1", "y2"];

    public static string Compute(string dbPath) => Compute(dbPath, out _);

    public static string Compute(string dbPath, out int rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        rows = 0;
        foreach (var line in CanonicalRows(dbPath))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(line));
            rows++;
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    /// <summary>The canonical JSON text of every row, in id order (useful to diff two databases).</summary>
    public static IEnumerable<string> CanonicalRows(string dbPath)
    {
        using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT * FROM bubbles ORDER BY id";
        using var reader = cmd.ExecuteReader();
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var order = names.Select((n, i) => (n, i)).OrderBy(p => p.n, StringComparer.Ordinal).ToArray();
        while (reader.Read())
        {
            var sb = new StringBuilder("{");
            bool first = true;
            foreach (var (name, i) in order)
            {
                if (!first) sb.Append(',');
                first = false;
                PyJson.AppendString(sb, name);
                sb.Append(':');
                object value = reader.GetValue(i);
                if (name == "link_data") { PyJson.AppendString(sb, "{}"); continue; }
                if (value is string text && text.Length > 0 && (SetColumns.Contains(name) || HeadTailColumns.Contains(name) || VerbatimColumns.Contains(name)))
                {
                    using var doc = JsonDocument.Parse(text);
                    if (SetColumns.Contains(name))
                        AppendIntArray(sb, doc.RootElement.EnumerateArray().Select(e => e.GetInt64()).Order().ToList());
                    else if (HeadTailColumns.Contains(name))
                    {
                        var all = doc.RootElement.EnumerateArray().Select(e => e.GetInt64()).ToList();
                        AppendIntArray(sb, all.Take(1).Concat(all.Skip(1).Order()).ToList());
                    }
                    else AppendCompact(sb, doc.RootElement);
                    continue;
                }
                if (FloatColumns.Contains(name) && value is double or long)
                {
                    sb.Append(PyJson.FormatFloat(PythonRound(Convert.ToDouble(value, CultureInfo.InvariantCulture), 4)));
                    continue;
                }
                switch (value)
                {
                    case DBNull: sb.Append("null"); break;
                    case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
                    case double d: sb.Append(PyJson.FormatFloat(d)); break;
                    case string s: PyJson.AppendString(sb, s); break;
                    default: throw new InvalidOperationException($"unexpected {value.GetType()} in column {name}");
                }
            }
            yield return sb.Append('}').ToString();
        }
    }

    private static void AppendIntArray(StringBuilder sb, List<long> values) =>
        sb.Append('[').AppendJoin(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture))).Append(']');

    private static void AppendCompact(StringBuilder sb, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
                sb.Append('[');
                bool first = true;
                foreach (var item in e.EnumerateArray())
                {
                    if (!first) sb.Append(',');
                    first = false;
                    AppendCompact(sb, item);
                }
                sb.Append(']');
                break;
            case JsonValueKind.Null: sb.Append("null"); break;
            case JsonValueKind.Number: sb.Append(e.GetRawText()); break;
            default: throw new InvalidOperationException($"unexpected JSON {e.ValueKind}");
        }
    }

    /// <summary>
    /// Python's <c>round(x, n)</c> for floats: the exact binary value rounded half-to-even at n decimals, then read back
    /// as the nearest double.
    /// </summary>
    public static double PythonRound(double x, int digits)
    {
        if (double.IsNaN(x) || double.IsInfinity(x) || x == 0) return x;
        bool negative = x < 0;
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(x));
        int exp = (int)((bits >> 52) & 0x7FF);
        long mant = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0) exp = 1; else mant |= 1L << 52;
        exp -= 1075;    // value = mant * 2^exp
        BigInteger scaled = new BigInteger(mant) * BigInteger.Pow(10, digits);
        BigInteger q;
        if (exp >= 0) q = scaled << exp;
        else
        {
            BigInteger den = BigInteger.One << -exp;
            q = BigInteger.DivRem(scaled, den, out var r);
            int cmp = (r * 2).CompareTo(den);
            if (cmp > 0 || (cmp == 0 && !q.IsEven)) q += 1;
        }
        string digitsText = q.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        string text = digitsText[..^digits] + "." + digitsText[^digits..];
        double result = double.Parse(text, CultureInfo.InvariantCulture);
        return negative ? -result : result;
    }
}
