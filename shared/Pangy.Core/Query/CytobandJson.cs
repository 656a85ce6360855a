using System.Text.Json;
using Pangy.Core.Cytobands;

namespace Pangy.Core.Query;

/// <summary>Cytoband answers (§9.2): all chromosomes with the canonical order, or one chromosome's bands.</summary>
public static class CytobandJson
{
    public static void WriteBand(Utf8JsonWriter w, CytobandBand b)
    {
        w.WriteStartObject();
        w.WriteNumber("band", b.Index);
        w.WriteNumber("start", b.Start);
        w.WriteNumber("end", b.End);
        w.WriteString("name", b.Name);
        w.WriteString("type", b.Stain);
        w.WriteString("color", b.Color);
        w.WriteString("chr", b.Chrom);
        w.WriteNumber("size", b.Size);
        w.WriteNumber("x", b.X);
        w.WriteEndObject();
    }

    /// <summary><c>{"chromosome": {chr: [band…]}, "order": [canonical…]}</c>.</summary>
    public static IJsonResult All(CytobandSet set) => new Result(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("chromosome");
        foreach (var chr in set.Chromosomes)
        {
            w.WriteStartArray(chr);
            foreach (var b in set.BandsOf(chr)) WriteBand(w, b);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartArray("order");
        foreach (var c in set.Canonical) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>One chromosome's bands.</summary>
    public static IJsonResult Bands(IReadOnlyList<CytobandBand> bands) => new Result(w =>
    {
        w.WriteStartArray();
        foreach (var b in bands) WriteBand(w, b);
        w.WriteEndArray();
    });

    /// <summary>A list of names.</summary>
    public static IJsonResult Names(IEnumerable<string> names) => new Result(w =>
    {
        w.WriteStartArray();
        foreach (var n in names) w.WriteStringValue(n);
        w.WriteEndArray();
    });

    private sealed class Result(Action<Utf8JsonWriter> write) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter writer) => write(writer);
    }
}
