using System.Text.Json;
using Pangy.Core.Annotations;

namespace Pangy.Core.Query;

/// <summary>Annotation rows and trees as the reference serializes them (§8.1).</summary>
public static class AnnotationJson
{
    /// <summary><c>{"id","type","chrom","start","end","strand","source","gene","exon_number","parent","tag","range":null,
    /// "ensembl_canonical","mane_select","exons":[…],"transcripts":[…]}</c>.</summary>
    public static void Write(Utf8JsonWriter w, AnnotationRecord r, IEnumerable<TranscriptModel>? transcripts = null, IEnumerable<AnnotationRecord>? exons = null)
    {
        w.WriteStartObject();
        WriteText(w, "id", r.Id);
        w.WriteString("type", r.Type);
        w.WriteString("chrom", r.Chrom);
        w.WriteNumber("start", r.Start);
        w.WriteNumber("end", r.End);
        WriteText(w, "strand", r.Strand);
        WriteText(w, "source", r.Source);
        WriteText(w, "gene", r.GeneName);
        if (r.ExonNumber is { } n) w.WriteNumber("exon_number", n); else w.WriteNull("exon_number");
        WriteText(w, "parent", r.Parent);
        w.WriteString("tag", r.Tag);
        w.WriteNull("range");
        w.WriteBoolean("ensembl_canonical", r.EnsemblCanonical);
        w.WriteBoolean("mane_select", r.ManeSelect);
        w.WriteStartArray("exons");
        if (exons is not null) foreach (var e in exons) Write(w, e);
        w.WriteEndArray();
        w.WriteStartArray("transcripts");
        if (transcripts is not null) foreach (var t in transcripts) Write(w, t.Transcript, null, t.Exons);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    /// <summary>/genes: <c>{"genes": [gene…]}</c> (gene rows only, as the reference answers).</summary>
    public static IJsonResult Genes(IReadOnlyList<AnnotationRecord> genes) => new Result(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("genes");
        foreach (var g in genes) Write(w, g);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>/search: a list of gene rows.</summary>
    public static IJsonResult List(IReadOnlyList<AnnotationRecord> rows) => new Result(w =>
    {
        w.WriteStartArray();
        foreach (var g in rows) Write(w, g);
        w.WriteEndArray();
    });

    /// <summary>/gene (Pangy): gene trees with transcripts (priority order) and their exons.</summary>
    public static IJsonResult Models(IReadOnlyList<GeneModel> models) => new Result(w =>
    {
        w.WriteStartArray();
        foreach (var m in models) Write(w, m.Gene, m.Transcripts);
        w.WriteEndArray();
    });

    private sealed class Result(Action<Utf8JsonWriter> write) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter writer) => write(writer);
    }
}
