using System.Globalization;
using System.Text;

namespace Pangy.Core.Formats.Json;

/// <summary>
/// Writes JSON text exactly as Python's <c>json.dumps</c> does (ensure_ascii, Python float repr), so that the
/// files and SQLite JSON columns the reference defines come out byte-identical. Separators are chosen per call:
/// the reference uses <c>", "</c>/<c>": "</c> (default) in SQLite columns and <c>","</c>/<c>":"</c> in compact files.
/// </summary>
public sealed class PyJson
{
    private readonly StringBuilder _sb;
    private readonly string _itemSep;
    private readonly string _keySep;

    /// <param name="compact">True for <c>separators=(",", ":")</c>, false for Python's default <c>(", ", ": ")</c>.</param>
    public PyJson(bool compact = false, StringBuilder? sb = null)
    {
        _sb = sb ?? new StringBuilder();
        _itemSep = compact ? "," : ", ";
        _keySep = compact ? ":" : ": ";
    }

    public override string ToString() => _sb.ToString();

    public string ItemSeparator => _itemSep;
    public string KeySeparator => _keySep;

    public PyJson Raw(string text) { _sb.Append(text); return this; }
    public PyJson Null() { _sb.Append("null"); return this; }
    public PyJson Bool(bool v) { _sb.Append(v ? "true" : "false"); return this; }
    public PyJson Int(long v) { _sb.Append(v.ToString(CultureInfo.InvariantCulture)); return this; }
    public PyJson Float(double v) { _sb.Append(FormatFloat(v)); return this; }
    public PyJson String(string? v) { if (v is null) Null(); else AppendString(_sb, v); return this; }
    public PyJson ItemSep() { _sb.Append(_itemSep); return this; }
    public PyJson Key(string key) { AppendString(_sb, key); _sb.Append(_keySep); return this; }

    /// <summary>A list of integers, e.g. <c>[1, 2, 3]</c>.</summary>
    public PyJson IntList(IEnumerable<long> values)
    {
        _sb.Append('[');
        bool first = true;
        foreach (var v in values)
        {
            if (!first) _sb.Append(_itemSep);
            first = false;
            _sb.Append(v.ToString(CultureInfo.InvariantCulture));
        }
        _sb.Append(']');
        return this;
    }

    /// <summary>Python's <c>json.dumps</c> of a list of ints with default separators.</summary>
    public static string Ints(IEnumerable<long> values) => new PyJson().IntList(values).ToString();

    /// <summary>Python's <c>repr(float)</c>, which <c>json.dumps</c> uses: shortest round-trip digits,
    /// <c>1000.0</c> for integral values, exponent form below 1e-4 and from 1e16 (<c>1e-05</c>, <c>1e+16</c>).</summary>
    public static string FormatFloat(double v)
    {
        if (NonFinite(v) is { } special) return special;
        Span<byte> text = stackalloc byte[PythonFloat.MaxReprLength];
        int n = PythonFloat.FormatRepr(v, text);
        return Encoding.ASCII.GetString(text[..n]);
    }

    /// <summary><see cref="FormatFloat"/> appended straight to <paramref name="sb"/>, without an intermediate string
    /// (the skeleton stage writes millions of coordinates).</summary>
    public static void AppendFloat(StringBuilder sb, double v)
    {
        if (NonFinite(v) is { } special)
        {
            sb.Append(special);
            return;
        }
        Span<byte> text = stackalloc byte[PythonFloat.MaxReprLength];
        int n = PythonFloat.FormatRepr(v, text);
        Span<char> chars = stackalloc char[PythonFloat.MaxReprLength];
        for (int i = 0; i < n; i++) chars[i] = (char)text[i];
        sb.Append(chars[..n]);
    }

    // What json.dumps writes for the values repr cannot (allow_nan=True).
    private static string? NonFinite(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "Infinity" : double.IsNegativeInfinity(v) ? "-Infinity" : null;

    /// <summary>Appends a JSON string literal escaped as Python's <c>json.dumps(ensure_ascii=True)</c> does.</summary>
    public static void AppendString(StringBuilder sb, string v)
    {
        sb.Append('"');
        foreach (char c in v)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>A JSON string literal as Python writes it.</summary>
    public static string Quote(string v)
    {
        var sb = new StringBuilder(v.Length + 2);
        AppendString(sb, v);
        return sb.ToString();
    }
}
