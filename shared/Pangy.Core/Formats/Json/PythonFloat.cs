using System.Globalization;
using System.Runtime.CompilerServices;

namespace Pangy.Core.Formats.Json;

/// <summary>
/// Reads and writes floats as the reference's Python does: <c>float(text)</c> (correctly rounded, whitespace
/// around it, underscores between digits) and <c>repr(x)</c> (the shortest text that reads back to the same double).
/// Non-finite values are refused: a layout coordinate of <c>inf</c> or <c>nan</c> is bad input for Pangy.
/// </summary>
internal static class PythonFloat
{
    /// <summary>10^0 … 10^22: every one is exactly a double, which is what makes the fast path exact.</summary>
    private static ReadOnlySpan<double> ExactPowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private const NumberStyles DecimalStyle =
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Longest text <see cref="FormatRepr"/> writes (sign, 17 digits, point, zeros or an exponent).</summary>
    internal const int MaxReprLength = 32;

    /// <summary>
    /// Parses the decimal number starting at <paramref name="pos"/> — <c>[+-] digits [. digits] [e [+-] digits]</c>,
    /// with digits on at least one side of the point — and moves <paramref name="pos"/> past it. The number ends at
    /// the first byte that cannot continue it; the caller decides whether that byte is an acceptable delimiter.
    /// Returns false (and leaves <paramref name="pos"/>) when no such number starts there or it is not finite.
    /// </summary>
    /// <remarks>
    /// The common case — at most 19 significant digits whose integer fits in 53 bits, and a power of ten up to 22 —
    /// is one exact multiplication or division (Clinger's fast path), so it is correctly rounded; everything else goes
    /// to the framework's parser, which is correctly rounded too. Either way the result is the double nearest to the
    /// decimal text, as Python's <c>float()</c> gives.
    /// </remarks>
    internal static bool TryParseDecimal(ReadOnlySpan<byte> s, ref int pos, out double value)
    {
        int i = pos;
        bool negative = false;
        if ((uint)i < (uint)s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
        {
            negative = s[i] == (byte)'-';
            i++;
        }

        ulong mantissa = 0;
        int significant = 0, digits = 0, exponent = 0;
        bool truncated = false;
        while ((uint)i < (uint)s.Length)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            if (significant < 19)
            {
                mantissa = mantissa * 10 + d;
                if (mantissa != 0) significant++;
            }
            else truncated = true;
            digits++;
            i++;
        }
        if ((uint)i < (uint)s.Length && s[i] == (byte)'.')
        {
            i++;
            while ((uint)i < (uint)s.Length)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) break;
                if (significant < 19)
                {
                    mantissa = mantissa * 10 + d;
                    if (mantissa != 0) significant++;
                    exponent--;
                }
                else truncated = true;
                digits++;
                i++;
            }
        }
        if (digits == 0)
        {
            value = 0;
            return false;
        }
        if ((uint)i < (uint)s.Length && (s[i] | 0x20) == (byte)'e')
        {
            int j = i + 1;
            bool negativeExponent = false;
            if ((uint)j < (uint)s.Length && (s[j] == (byte)'-' || s[j] == (byte)'+'))
            {
                negativeExponent = s[j] == (byte)'-';
                j++;
            }
            int e = 0, exponentDigits = 0;
            while ((uint)j < (uint)s.Length)
            {
                uint d = (uint)(s[j] - '0');
                if (d > 9) break;
                if (e < 100_000) e = e * 10 + (int)d;
                exponentDigits++;
                j++;
            }
            if (exponentDigits == 0)
            {
                value = 0;
                return false;
            }
            exponent += negativeExponent ? -e : e;
            i = j;
        }

        if (!truncated && mantissa == 0)
        {
            value = negative ? -0.0 : 0.0;
        }
        else if (!truncated && mantissa <= 1UL << 53 && exponent >= -22 && exponent <= 22)
        {
            double m = mantissa;
            value = exponent < 0 ? m / ExactPowersOfTen[-exponent] : m * ExactPowersOfTen[exponent];
            if (negative) value = -value;
        }
        else if (!TryParseExactly(s[pos..i], out value))
        {
            return false;
        }
        pos = i;
        return true;
    }

    /// <summary>The framework's correctly rounded parse, for what the fast path cannot do exactly; kept out of line.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryParseExactly(ReadOnlySpan<byte> number, out double value) =>
        double.TryParse(number, DecimalStyle, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// Python's <c>float(text)</c> for finite values: surrounding whitespace is allowed, so are underscores between
    /// digits (<c>1_000.5</c>); <c>inf</c>, <c>nan</c> and anything that overflows are refused.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        text = TrimWhitespace(text);
        value = 0;
        if (text.IsEmpty) return false;
        if (text.Contains((byte)'_'))
        {
            // Python allows one underscore between two digits, nowhere else.
            if (text.Length > 512) return false;
            Span<byte> plain = stackalloc byte[text.Length];
            int n = 0;
            for (int k = 0; k < text.Length; k++)
            {
                if (text[k] != (byte)'_')
                {
                    plain[n++] = text[k];
                    continue;
                }
                if (k == 0 || k == text.Length - 1 || !char.IsAsciiDigit((char)text[k - 1]) || !char.IsAsciiDigit((char)text[k + 1]))
                    return false;
            }
            return TryParseWhole(plain[..n], out value);
        }
        return TryParseWhole(text, out value);
    }

    private static bool TryParseWhole(ReadOnlySpan<byte> text, out double value)
    {
        int pos = 0;
        return TryParseDecimal(text, ref pos, out value) && pos == text.Length;
    }

    /// <summary>True for the bytes Python's <c>str.strip()</c> removes (ASCII whitespace and the separators 0x1C–0x1F).</summary>
    internal static bool IsWhitespace(byte b) => b == (byte)' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);

    /// <summary>The span without leading and trailing <see cref="IsWhitespace"/> bytes.</summary>
    internal static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsWhitespace(s[start])) start++;
        while (end > start && IsWhitespace(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>
    /// Writes <paramref name="value"/> as Python's <c>repr</c> does (<c>0.0</c>, <c>1075.0547</c>, <c>1e-05</c>,
    /// <c>1e+16</c>, <c>1000000000000000.0</c>) and returns the number of bytes written: the shortest digits that
    /// read back to the same double, in fixed notation for decimal exponents −4 to 15 and scientific otherwise.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <remarks>
    /// Most values written are integers or have a few decimals (rounded coordinates); <see cref="TryFormatShort"/>
    /// writes those without the framework's shortest-digits search, and everything else takes that general path.
    /// </remarks>
    internal static int FormatRepr(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "coordinates must be finite");
        int written = TryFormatShort(value, destination);
        return written > 0 ? written : FormatReprGeneral(value, destination);
    }

    /// <summary>The fast path covers magnitudes from 10^-4 (below, repr turns scientific at 10^-5) up to here.</summary>
    private const double ShortMin = 1e-4;

    /// <summary>Decimal digits as an integer stay below 2^50 on the fast path (see <see cref="TryFormatShort"/>).</summary>
    private const double ShortMaxScaled = 1L << 50;

    /// <summary>
    /// Python's <c>repr</c> of <paramref name="value"/> when it is zero or the nearest double to some decimal
    /// <c>m / 10^k</c> with <c>m &lt; 2^50</c> and <c>10^-4 &lt;= |value|</c>; otherwise 0 (nothing written).
    /// </summary>
    /// <remarks>
    /// For k = 0, 1, 2, … the candidate is m = round(|value| · 10^k); it is accepted when m / 10^k (both exact doubles,
    /// so one correctly rounded division) gives back the value, i.e. when the decimal text of m with k decimals reads
    /// back to it. The first k that works gives the fewest significant digits, which is what repr prints: if some
    /// decimal d / 10^k reads back to the value, the product |value| · 10^k is within d · 2^-52 &lt; 1/4 of d (d &lt; 2^50),
    /// so rounding it finds d; and no other d' with as many decimals reads back too, since the doubles around the
    /// value are less than 10^-k apart when d &lt; 2^50. These values print in fixed notation (the decimal exponent is
    /// between −3 and 16), as integer digits, a point and the k decimals, or <c>.0</c> when k = 0.
    /// </remarks>
    private static int TryFormatShort(double value, Span<byte> destination)
    {
        double a = Math.Abs(value);
        int w = 0;
        if (a == 0)
        {
            if (double.IsNegative(value)) destination[w++] = (byte)'-';
            "0.0"u8.CopyTo(destination[w..]);
            return w + 3;
        }
        if (a < ShortMin || a >= ShortMaxScaled) return 0;
        var powers = ExactPowersOfTen;
        for (int k = 0; k < powers.Length; k++)
        {
            double scaled = a * powers[k];
            if (scaled >= ShortMaxScaled) return 0;
            double m = Math.Round(scaled);
            if (m / powers[k] != a) continue;

            if (value < 0) destination[w++] = (byte)'-';
            ulong digits = (ulong)m;
            if (k == 0)
            {
                digits.TryFormat(destination[w..], out int intLength, default, CultureInfo.InvariantCulture);
                w += intLength;
                destination[w++] = (byte)'.';
                destination[w++] = (byte)'0';
                return w;
            }
            // m has no trailing zero (k would have been smaller); split it k digits from the right.
            Span<byte> text = stackalloc byte[24];
            digits.TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
            int integerDigits = length - k;
            if (integerDigits <= 0)
            {
                destination[w++] = (byte)'0';
                destination[w++] = (byte)'.';
                destination.Slice(w, -integerDigits).Fill((byte)'0');
                w += -integerDigits;
                text[..length].CopyTo(destination[w..]);
                return w + length;
            }
            text[..integerDigits].CopyTo(destination[w..]);
            w += integerDigits;
            destination[w++] = (byte)'.';
            text[integerDigits..length].CopyTo(destination[w..]);
            return w + k;
        }
        return 0;
    }

    /// <summary><see cref="FormatRepr"/> for any finite value, from the framework's shortest round-trip digits.</summary>
    internal static int FormatReprGeneral(double value, Span<byte> destination)
    {
        // The framework's "R" gives the same shortest round-trip digits; only the layout around them differs.
        Span<byte> text = stackalloc byte[MaxReprLength];
        value.TryFormat(text, out int length, "R", CultureInfo.InvariantCulture);
        text = text[..length];

        bool negative = text[0] == (byte)'-';
        if (negative) text = text[1..];
        int exponent = 0;
        int e = text.IndexOf((byte)'E');
        if (e >= 0)
        {
            int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
            text = text[..e];
        }
        int point = text.IndexOf((byte)'.');
        int integerDigits = point >= 0 ? point : text.Length;

        Span<byte> digits = stackalloc byte[MaxReprLength];
        int n = 0;
        foreach (byte c in text)
            if (c != (byte)'.') digits[n++] = c;
        // decimalPoint: the value is 0.d1d2…dn × 10^decimalPoint.
        int decimalPoint = integerDigits + exponent;
        int lead = 0;
        while (lead < n && digits[lead] == (byte)'0') lead++;
        digits = digits[lead..n];
        decimalPoint -= lead;
        n = digits.Length;
        while (n > 0 && digits[n - 1] == (byte)'0') n--;
        digits = digits[..n];

        int w = 0;
        if (negative) destination[w++] = (byte)'-';
        if (n == 0)
        {
            "0.0"u8.CopyTo(destination[w..]);
            return w + 3;
        }

        if (decimalPoint <= -4 || decimalPoint > 16)
        {
            destination[w++] = digits[0];
            if (n > 1)
            {
                destination[w++] = (byte)'.';
                digits[1..].CopyTo(destination[w..]);
                w += n - 1;
            }
            int x = decimalPoint - 1;
            destination[w++] = (byte)'e';
            destination[w++] = x < 0 ? (byte)'-' : (byte)'+';
            x = Math.Abs(x);
            if (x < 10) destination[w++] = (byte)'0';
            x.TryFormat(destination[w..], out int written, default, CultureInfo.InvariantCulture);
            return w + written;
        }
        if (decimalPoint <= 0)
        {
            destination[w++] = (byte)'0';
            destination[w++] = (byte)'.';
            destination.Slice(w, -decimalPoint).Fill((byte)'0');
            w += -decimalPoint;
            digits.CopyTo(destination[w..]);
            return w + n;
        }
        if (decimalPoint < n)
        {
            digits[..decimalPoint].CopyTo(destination[w..]);
            w += decimalPoint;
            destination[w++] = (byte)'.';
            digits[decimalPoint..].CopyTo(destination[w..]);
            return w + n - decimalPoint;
        }
        digits.CopyTo(destination[w..]);
        w += n;
        destination.Slice(w, decimalPoint - n).Fill((byte)'0');
        w += decimalPoint - n;
        destination[w++] = (byte)'.';
        destination[w++] = (byte)'0';
        return w;
    }
}
