using System.Text.Json;
using Pangy.Core.Query;

namespace Pangy.Core.Assets;

/// <summary>
/// The answer of <c>GET /sequence</c>: <c>{"genome", "chromosome" (the 2bit's name), "start", "end" (1-based,
/// inclusive, as asked), "strand", "sequence"}</c>; soft-masked bases are lower case, N blocks <c>N</c>.
/// </summary>
public sealed record SequenceWindow(string Genome, string Chromosome, long Start, long End, char Strand, byte[] Bases) : IJsonResult
{
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("genome", Genome);
        writer.WriteString("chromosome", Chromosome);
        writer.WriteNumber("start", Start);
        writer.WriteNumber("end", End);
        writer.WriteString("strand", Strand == '-' ? "-" : "+");
        writer.WriteString("sequence", Bases);
        writer.WriteEndObject();
    }
}
