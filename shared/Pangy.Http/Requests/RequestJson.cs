using System.Text.Json;
using Pangy.Core.Query;

namespace Pangy.Http.Requests;

/// <summary>Reading a JSON request body, bounded by the server's body size limit.</summary>
public static class RequestJson
{
    /// <summary>The parsed body, or null when it is empty or not JSON (the reference's <c>get_json(silent=True)</c>).</summary>
    /// <exception cref="TooLargeQueryException">The body is larger than <paramref name="limit"/> bytes.</exception>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) throw TooLarge(limit);
        var body = new MemoryStream();
        var buffer = new byte[1 << 16];
        int n;
        while ((n = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + n > limit) throw TooLarge(limit);
            body.Write(buffer, 0, n);
        }
        if (body.Length == 0) return null;
        try
        {
            return JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string member of a JSON object, or null when absent or not a string.</summary>
    public static string? Text(JsonElement? obj, string name) =>
        obj is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static TooLargeQueryException TooLarge(long limit) => new($"request body is larger than {limit} bytes", [new("limit", limit)]);
}
