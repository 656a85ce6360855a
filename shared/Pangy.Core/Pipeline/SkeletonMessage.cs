using System.Text.Json.Serialization;

namespace Pangy.Core.Pipeline;

/// <summary>On <c>pangy-skeletons</c>: draw the skeleton of the chromosome published from the inputs whose key is <see cref="Build"/>.</summary>
public sealed record SkeletonMessage(
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("chromosome")] string Chromosome,
    [property: JsonPropertyName("build")] string Build)
{
    public string ToJson() => PipelineJson.Write(this);

    /// <exception cref="Formats.BadInputException">Not a skeleton message, or it names a dataset or chromosome no datastore may hold.</exception>
    public static SkeletonMessage Parse(string json)
    {
        var m = PipelineJson.Read<SkeletonMessage>(json, "skeleton message");
        PipelineJson.CheckNames(m.Dataset, m.Chromosome, "skeleton message");
        return m;
    }
}
