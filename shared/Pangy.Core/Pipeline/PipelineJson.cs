using System.Text.Json;
using System.Text.Json.Serialization;
using Pangy.Core.Formats;

namespace Pangy.Core.Pipeline;

/// <summary>How the pipeline's messages and status documents are written: JSON, nulls left out, no indentation.</summary>
public static class PipelineJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a <typeparamref name="T"/>; <paramref name="what"/> names it in the error.</summary>
    /// <exception cref="BadInputException">Not a valid <paramref name="what"/>.</exception>
    public static T Read<T>(string json, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new BadInputException(what, null, $"not a valid {what} ({e.Message})", e);
        }
    }
}
