using System.Text.Json.Serialization;

namespace Pangy.Core.Pipeline;

/// <summary>One version of one uploaded blob: its name in the uploads container and its ETag.</summary>
public sealed record InputRef(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("etag")] string ETag);
