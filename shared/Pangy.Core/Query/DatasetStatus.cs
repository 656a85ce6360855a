using System.Text.Json;
using Pangy.Core.Datastore;
using Pangy.Core.Storage;

namespace Pangy.Core.Query;

/// <summary>
/// What <c>/datasets</c> reports: each dataset, its chromosomes with their reference and how far their build has
/// got (which artifacts exist), and the references it holds. Read from the folder with file checks only; no
/// chromosome is opened.
/// </summary>
public static class DatasetStatus
{
    /// <summary>The artifacts a chromosome needs for each part of the API (paths relative to the chromosome directory).</summary>
    private static readonly (string Name, string[] Files, string[] Dirs)[] Artifacts =
    [
        ("graph", [ChromosomeLayout.SegmentsDbName, ChromosomeLayout.LinksDbName, ChromosomeLayout.StepIndexDbName,
                   Path.Combine(ChromosomeLayout.PathsDirectoryName, ChromosomeLayout.PathIndexName)],
                  [SegmentIndexLayout.Index.DirectoryName, LinkIndexLayout.Index.DirectoryName, StepIndexLayout.Index.DirectoryName]),
        ("bubbles", [ChromosomeLayout.BubblesDbName], [BubbleIndexLayout.Index.DirectoryName]),
        ("skeleton", [ChromosomeLayout.SkeletonMetaRelative, ChromosomeLayout.SkeletonPolylinesRelative, ChromosomeLayout.GraphMetaName], []),
        ("polychains", [ChromosomeLayout.PolychainDataName], []),
        ("path_blocks", [], [Path.Combine(ChromosomeLayout.PathsDirectoryName, ChromosomeLayout.PathBlocksDirectoryName)]),
    ];

    /// <summary>
    /// The listing; with <paramref name="pipeline"/> (the pipeline's status documents) each chromosome's <c>state</c> is
    /// the pipeline's (<c>queued</c>, <c>building</c>, <c>built</c>, <c>ready</c>, <c>failed</c>) and chromosomes and
    /// datasets the pipeline knows but has not published yet are listed too.
    /// </summary>
    public static IJsonResult Describe(QueryDatastore store, IReadOnlyDictionary<string, Pipeline.DatasetStatusDocument>? pipeline = null) =>
        new Result(store, pipeline ?? new Dictionary<string, Pipeline.DatasetStatusDocument>());

    private sealed class Result(QueryDatastore store, IReadOnlyDictionary<string, Pipeline.DatasetStatusDocument> pipeline) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            if (store.DefaultDataset is { } d) w.WriteString("default", d); else w.WriteNull("default");
            w.WriteStartArray("datasets");
            foreach (var ds in store.Datasets().Union(pipeline.Keys).Order(StringComparer.Ordinal))
            {
                var tracked = pipeline.GetValueOrDefault(ds);
                var published = store.Chromosomes(ds);
                w.WriteStartObject();
                w.WriteString("name", ds);
                var references = new SortedSet<string>(StringComparer.Ordinal);
                w.WriteStartArray("chromosomes");
                foreach (var chr in published.Union(tracked?.Chromosomes.Select(c => c.Chromosome) ?? []).Order(StringComparer.Ordinal))
                {
                    var located = store.Store.Locate(new ChromosomeKey(ds, chr));
                    string dir = located.Directory;
                    w.WriteStartObject();
                    w.WriteString("name", chr);
                    string? reference = ReadReference(located);
                    if (reference is null) w.WriteNull("reference"); else { w.WriteString("reference", reference); references.Add(reference); }
                    w.WriteStartObject("artifacts");
                    bool graph = false, bubbles = false, skeleton = false, polychains = false;
                    foreach (var (name, files, dirs) in Artifacts)
                    {
                        bool present = files.All(f => File.Exists(Path.Combine(dir, f))) && dirs.All(x => Directory.Exists(Path.Combine(dir, x)));
                        if (name == "polychains")
                            present &= Directory.Exists(located.IndexDirectory(PolychainIndexLayout.Index)) || Directory.Exists(located.IndexDirectory(PolychainIndexLayout.ReferenceIndex));
                        w.WriteBoolean(name, present);
                        switch (name)
                        {
                            case "graph": graph = present; break;
                            case "bubbles": bubbles = present; break;
                            case "skeleton": skeleton = present; break;
                            case "polychains": polychains = present; break;
                        }
                    }
                    w.WriteEndObject();
                    var built = tracked?.Chromosomes.Find(c => c.Chromosome == chr);
                    w.WriteString("state", built is not null ? built.State
                        : !graph ? "incomplete" : graph && bubbles && skeleton && polychains ? "ready" : "partial");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("references");
                foreach (var r in references) w.WriteStringValue(r);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    /// <summary>The chromosome's reference from its step index's <c>meta.json</c>, or null.</summary>
    internal static string? ReadReference(ChromosomeLayout chromosome)
    {
        string meta = chromosome.IndexMetaFile(StepIndexLayout.Index);
        if (!File.Exists(meta)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(meta));
            return IndexFiles.Text(doc.RootElement, StepIndexLayout.GenomeKey);
        }
        catch (JsonException) { return null; }
    }
}
