using System.Text.Json;
using Pangy.Core.Query;

namespace Pangy.Core.Pipeline;

/// <summary>The read side of the pipeline status, for the HTTP routes: one dataset's report, and every dataset's document.</summary>
public static class PipelineStatusQuery
{
    /// <summary><c>GET /datasets/{db}/status</c>: the dataset's report (<see cref="StatusReport"/>), or null when the pipeline has never seen it.</summary>
    public static async Task<IJsonResult?> DatasetAsync(StatusBook status, string dataset, CancellationToken cancellationToken = default)
    {
        if (dataset.StartsWith('@')) return null;
        var doc = await status.ReadDatasetAsync(dataset, cancellationToken).ConfigureAwait(false);
        if (doc is null) return null;
        var annotations = doc.Annotations is null ? null : await status.ReadAnnotationsAsync(cancellationToken).ConfigureAwait(false);
        return new Report(doc, annotations);
    }

    /// <summary>Every dataset's status document, by name (what <c>GET /datasets</c> merges into its listing).</summary>
    public static async Task<IReadOnlyDictionary<string, DatasetStatusDocument>> AllAsync(StatusBook status, CancellationToken cancellationToken = default)
    {
        var all = new SortedDictionary<string, DatasetStatusDocument>(StringComparer.Ordinal);
        foreach (string dataset in await status.DatasetsAsync(cancellationToken).ConfigureAwait(false))
            if (await status.ReadDatasetAsync(dataset, cancellationToken).ConfigureAwait(false) is { } doc) all[dataset] = doc;
        return all;
    }

    private sealed class Report(DatasetStatusDocument doc, AnnotationsStatusDocument? annotations) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter writer) => StatusReport.Write(writer, doc, annotations);
    }
}
