using System.Text.Json;

namespace Pangy.Core.Pipeline;

/// <summary>
/// Typed, optimistic access to the status documents of an <see cref="IStatusStore"/>: read a document, change it in
/// memory, write it back only if nobody else changed it meanwhile, and otherwise start again from the newer
/// version. Every decision the handlers take (record an upload, claim a build, publish, mark failed) is one such
/// update, so each is made against the latest state and exactly one of two racing workers wins.
/// </summary>
public sealed class StatusBook(IStatusStore store, TimeProvider? time = null)
{
    /// <summary>Documents of uploads that belong to no dataset.</summary>
    public const string UnsortedKey = "@uploads";

    private const int MaxAttempts = 200;

    public IStatusStore Store { get; } = store;
    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    public DateTimeOffset Now => Time.GetUtcNow();

    public async Task<DatasetStatusDocument?> ReadDatasetAsync(string dataset, CancellationToken cancellationToken = default) =>
        await ReadAsync<DatasetStatusDocument>(dataset, cancellationToken).ConfigureAwait(false);

    public async Task<AnnotationsStatusDocument> ReadAnnotationsAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync<AnnotationsStatusDocument>(AnnotationsStatusDocument.Key, cancellationToken).ConfigureAwait(false) ?? new AnnotationsStatusDocument();

    /// <summary>Every dataset that has a status document, in name order.</summary>
    public async Task<IReadOnlyList<string>> DatasetsAsync(CancellationToken cancellationToken = default) =>
        [.. (await Store.ListKeysAsync(cancellationToken).ConfigureAwait(false)).Where(k => !k.StartsWith('@'))];

    /// <summary>
    /// Applies <paramref name="change"/> to the dataset's document until the write wins; <paramref name="change"/> says
    /// whether anything changed (nothing is written otherwise) and what to return.
    /// </summary>
    public Task<T> UpdateDatasetAsync<T>(string dataset, Func<DatasetStatusDocument, (bool Changed, T Result)> change,
        CancellationToken cancellationToken = default) =>
        UpdateAsync(dataset, () => new DatasetStatusDocument { Dataset = dataset }, change, cancellationToken);

    public Task<T> UpdateAnnotationsAsync<T>(Func<AnnotationsStatusDocument, (bool Changed, T Result)> change,
        CancellationToken cancellationToken = default) =>
        UpdateAsync(AnnotationsStatusDocument.Key, () => new AnnotationsStatusDocument(), change, cancellationToken);

    private async Task<TDoc?> ReadAsync<TDoc>(string key, CancellationToken ct) where TDoc : class
    {
        var stored = await Store.ReadAsync(key, ct).ConfigureAwait(false);
        return stored is null ? null : Parse<TDoc>(stored);
    }

    private async Task<T> UpdateAsync<TDoc, T>(string key, Func<TDoc> create, Func<TDoc, (bool Changed, T Result)> change, CancellationToken ct)
        where TDoc : class
    {
        for (int attempt = 1; ; attempt++)
        {
            var stored = await Store.ReadAsync(key, ct).ConfigureAwait(false);
            var doc = stored is null ? create() : Parse<TDoc>(stored);
            var (changed, result) = change(doc);
            if (!changed) return result;
            if (await Store.TryWriteAsync(key, JsonSerializer.Serialize(doc, PipelineJson.Options), stored?.ETag, ct).ConfigureAwait(false) is not null)
                return result;
            if (attempt >= MaxAttempts) throw new IOException($"status document '{key}' kept changing under {MaxAttempts} attempts to update it");
            // Someone else wrote first: back off a little (randomized, so racing writers spread out) and redo the decision.
            await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 2), ct).ConfigureAwait(false);
        }
    }

    private static TDoc Parse<TDoc>(StatusDocument stored) where TDoc : class =>
        JsonSerializer.Deserialize<TDoc>(stored.Json, PipelineJson.Options)
        ?? throw new InvalidDataException($"status document '{stored.Key}' is empty");
}
