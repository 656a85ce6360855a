using Microsoft.Extensions.Primitives;

namespace Pangy.Http.Requests;

/// <summary>Content negotiation on <c>Accept-Encoding</c> (RFC 9110 §12.5.3) for the codings the API can send.</summary>
public static class AcceptEncoding
{
    /// <summary>
    /// True when the header accepts <c>deflate</c>: listed with a q-value above 0, or not listed while <c>*</c> is (with
    /// q above 0). No header, <c>deflate;q=0</c>, or a malformed q-value mean no.
    /// </summary>
    public static bool AcceptsDeflate(StringValues header)
    {
        double? deflate = null, star = null;
        foreach (var value in header)
        {
            if (value is null) continue;
            foreach (var range in value.AsSpan().Split(','))
            {
                var item = value.AsSpan()[range];
                int semi = item.IndexOf(';');
                var coding = (semi < 0 ? item : item[..semi]).Trim();
                if (coding.IsEmpty) continue;
                double q = semi < 0 ? 1 : Quality(item[(semi + 1)..]);
                if (coding.Equals("deflate", StringComparison.OrdinalIgnoreCase)) deflate ??= q;
                else if (coding.SequenceEqual("*")) star ??= q;
            }
        }
        return (deflate ?? star ?? 0) > 0;
    }

    /// <summary>The q parameter among <c>;</c>-separated parameters (1 when absent, 0 when malformed).</summary>
    private static double Quality(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var p = parameters[range].Trim();
            int eq = p.IndexOf('=');
            if (eq < 0 || !p[..eq].Trim().Equals("q", StringComparison.OrdinalIgnoreCase)) continue;
            var v = p[(eq + 1)..].Trim();
            // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
            if (v.Length == 0 || v.Length > 5 || (v[0] != '0' && v[0] != '1')) return 0;
            if (v.Length > 1 && (v[1] != '.' || !AllDigits(v[2..]))) return 0;
            double q = double.Parse(v, System.Globalization.CultureInfo.InvariantCulture);
            return q > 1 ? 0 : q;
        }
        return 1;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (c is < '0' or > '9') return false;
        return true;
    }
}
