using System.Text.Json.Serialization;

namespace Pangy.Core.Pipeline;

/// <summary>On <c>pangy-builds</c>: build one chromosome from exactly these inputs (names and ETags, never data).</summary>
public sealed record BuildMessage(
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("chromosome")] string Chromosome,
    [property: JsonPropertyName("inputs")] ChromosomeInputs Inputs)
{
    public string ToJson() => PipelineJson.Write(this);

    /// <exception cref="Formats.BadInputException">Not a build message, or it names a dataset or chromosome no datastore may hold.</exception>
    public static BuildMessage Parse(string json)
    {
        var m = PipelineJson.Read<BuildMessage>(json, "build message");
        PipelineJson.CheckNames(m.Dataset, m.Chromosome, "build message");
        return m;
    }
}
