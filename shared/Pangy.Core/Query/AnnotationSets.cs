using System.Collections.Concurrent;
using System.Text.Json;
using Pangy.Core.Annotations;
using Pangy.Core.Datastore;
using Pangy.Core.Storage;

namespace Pangy.Core.Query;

/// <summary>
/// The annotation sets a server answers /genes and /search from: per reference, the set named in the configuration or
/// else the newest one under <c>{root}/annotations/{ref}/</c> (§8.1). A reference name reaches the file system only as
/// one of the folder names actually listed there (escaped as <see cref="FileNames.Escape"/> escapes it); a missing
/// annotation set is not an error until a request asks for it.
/// </summary>
public sealed class AnnotationSets : IDisposable
{
    private readonly IReadableDatastore _store;
    private readonly string? _name;
    private readonly ConcurrentDictionary<string, Lazy<AnnotationIndex?>> _open = new(StringComparer.Ordinal);

    /// <param name="datastoreRoot">The datastore folder.</param>
    /// <param name="name">The annotation set to serve for every reference; null: the newest of each.</param>
    public AnnotationSets(string datastoreRoot, string? name)
        : this(new LocalDatastore(datastoreRoot), name)
    {
    }

    /// <param name="store">The datastore.</param>
    /// <param name="name">The annotation set to serve for every reference; null: the newest of each.</param>
    public AnnotationSets(IReadableDatastore store, string? name)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _name = string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>The annotation set of <paramref name="genome"/>, or null when the datastore has none.</summary>
    public AnnotationIndex? Find(string genome)
    {
        if (string.IsNullOrEmpty(genome) || genome.Length > 256) return null;
        var lazy = _open.GetOrAdd(genome, g => new Lazy<AnnotationIndex?>(() => Open(g), LazyThreadSafetyMode.ExecutionAndPublication));
        var index = lazy.Value;
        if (index is null) _open.TryRemove(genome, out _); // added later? look again next time
        return index;
    }

    /// <summary>The annotation set of <paramref name="genome"/>; <see cref="NotFoundQueryException"/> when there is none.</summary>
    public AnnotationIndex Require(string? genome) =>
        (genome is null ? null : Find(genome)) ?? throw new NotFoundQueryException($"Genome '{QueryDatastore.Printable(genome ?? "")}' not found");

    private AnnotationIndex? Open(string genome)
    {
        var sets = _store.AnnotationSets(genome);
        var chosen = _name is null ? sets.FirstOrDefault() : sets.FirstOrDefault(d => Path.GetFileName(d.Directory) == _name);
        return chosen is null ? null : AnnotationIndex.Open(chosen.Directory);
    }

    public void Dispose()
    {
        foreach (var l in _open.Values)
            if (l.IsValueCreated) l.Value?.Dispose();
    }
}

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
