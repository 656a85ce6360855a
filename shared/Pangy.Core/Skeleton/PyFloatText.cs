using System.Globalization;
using System.Text;

namespace Pangy.Core.Skeleton;

/// <summary>
/// Python's <c>repr(float)</c> appended straight to a <see cref="StringBuilder"/>: the same text as
/// <see cref="Formats.Json.PyJson.FormatFloat"/> without its intermediate strings, for the stage's millions of
/// coordinates. Shortest round-trip digits, laid out as Python does: fixed notation for decimal exponents −4..15
/// (<c>1000.0</c>, <c>0.0001</c>), otherwise <c>1e-05</c> / <c>1.5e+16</c>.
/// </summary>
internal static class PyFloatText
{
    public static void Append(StringBuilder sb, double v)
    {
        if (!double.IsFinite(v) || v == 0)
        {
            sb.Append(Formats.Json.PyJson.FormatFloat(v));
            return;
        }
        Span<char> buf = stackalloc char[32];
        // "E16" would not be shortest; "R" is, in either fixed or exponent form, which we re-lay out.
        if (!v.TryFormat(buf, out int n, "R", CultureInfo.InvariantCulture)) { sb.Append(Formats.Json.PyJson.FormatFloat(v)); return; }
        var s = buf[..n];
        if (s[0] == '-') { sb.Append('-'); s = s[1..]; }

        // Collect significant digits and the decimal exponent: value = 0.d1d2… × 10^pointPos.
        Span<char> digits = stackalloc char[24];
        int count = 0, pointPos = 0, exp = 0;
        bool seenPoint = false, leading = true;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '.') { seenPoint = true; continue; }
            if (c is 'E' or 'e') { exp = int.Parse(s[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture); break; }
            if (leading && c == '0')
            {
                if (seenPoint) pointPos--;
                continue;
            }
            leading = false;
            digits[count++] = c;
            if (!seenPoint) pointPos++;
        }
        while (count > 1 && digits[count - 1] == '0') count--;
        pointPos += exp;
        int decimalExponent = pointPos - 1;
        var d = digits[..count];
        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            sb.Append(d[0]);
            if (count > 1) sb.Append('.').Append(d[1..]);
            sb.Append('e').Append(decimalExponent < 0 ? '-' : '+');
            int a = Math.Abs(decimalExponent);
            if (a < 10) sb.Append('0');
            sb.Append(a);
        }
        else if (pointPos <= 0)
        {
            sb.Append("0.").Append('0', -pointPos).Append(d);
        }
        else if (pointPos >= count)
        {
            sb.Append(d).Append('0', pointPos - count).Append(".0");
        }
        else
        {
            sb.Append(d[..pointPos]).Append('.').Append(d[pointPos..]);
        }
    }
}
