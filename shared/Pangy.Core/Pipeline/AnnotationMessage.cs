using System.Text.Json.Serialization;

namespace Pangy.Core.Pipeline;

/// <summary>On <c>pangy-annotations</c>: import annotation set <see cref="Name"/> of <see cref="Reference"/> from this GFF3 version.</summary>
public sealed record AnnotationMessage(
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("gff3")] InputRef Gff3)
{
    public string ToJson() => PipelineJson.Write(this);

    public static AnnotationMessage Parse(string json) => PipelineJson.Read<AnnotationMessage>(json, "annotation message");
}
