using System.Globalization;
using Microsoft.AspNetCore.Http;
using Pangy.Core.Query;

namespace Pangy.Http.Requests;

/// <summary>Parsing of query-string values, turning a missing or malformed value into a 400 that names the parameter.</summary>
public static class QueryParams
{
    /// <summary>
    /// A query-string value as minimal APIs bind a <c>string?</c> parameter: null when absent, the value (possibly
    /// empty) when given once, the values joined with commas when repeated.
    /// </summary>
    public static string? Text(HttpRequest request, string name) => request.Query[name];

    public static long RequiredLong(string? value, string name) =>
        value is null ? throw new BadQueryException($"missing parameter: {name}") : ParseLong(value, name);

    public static long Long(string? value, string name, long fallback) => string.IsNullOrEmpty(value) ? fallback : ParseLong(value, name);

    public static long? OptionalLong(string? value, string name) => string.IsNullOrEmpty(value) ? null : ParseLong(value, name);

    public static double RequiredDouble(string? value, string name) =>
        value is null ? throw new BadQueryException($"missing parameter: {name}") : ParseDouble(value, name);

    public static double? OptionalDouble(string? value, string name) => string.IsNullOrEmpty(value) ? null : ParseDouble(value, name);

    public static bool Flag(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static long ParseLong(string value, string name)
    {
        // The reference parses with Python's int(): an optional sign and digits, surrounding blanks allowed.
        if (long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)) return v;
        throw new BadQueryException($"parameter {name} must be an integer, not '{QueryDatastore.Printable(value)}'");
    }

    private static double ParseDouble(string value, string name)
    {
        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new BadQueryException($"parameter {name} must be a number, not '{QueryDatastore.Printable(value)}'");
    }
}
