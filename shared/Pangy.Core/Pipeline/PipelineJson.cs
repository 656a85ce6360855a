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

    // Messages come off a queue anyone with access can write to: a missing or null field, or a key given twice, is a
    // bad message here, not a NullReferenceException in a handler (found by fuzzing).
    private static readonly JsonSerializerOptions MessageOptions = new(Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowDuplicateProperties = false,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a <typeparamref name="T"/>; <paramref name="what"/> names it in the error.</summary>
    /// <exception cref="BadInputException">Not a valid <paramref name="what"/>.</exception>
    public static T Read<T>(string json, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, MessageOptions) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new BadInputException(what, null, $"not a valid {what} ({e.Message})", e);
        }
    }

    /// <summary>
    /// A message's dataset and chromosome must be names a datastore can hold; otherwise the handler's first step
    /// (making the chromosome key) would throw an ArgumentException and the message be retried until it is poison.
    /// </summary>
    /// <exception cref="BadInputException">A name is not allowed.</exception>
    public static void CheckNames(string dataset, string chromosome, string what)
    {
        if (!Storage.DatastoreNames.IsValid(dataset)) throw new BadInputException(what, null, $"dataset name '{dataset}' is not allowed");
        if (!Storage.DatastoreNames.IsValid(chromosome)) throw new BadInputException(what, null, $"chromosome name '{chromosome}' is not allowed");
    }
}
