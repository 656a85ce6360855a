namespace Pangy.Core.Pipeline;

/// <summary>
/// Where the pipeline's status lives: JSON documents by key (one per dataset, one for the annotation sets), written
/// with optimistic concurrency. Every write names the ETag it read, so two workers never both succeed in changing
/// the same version: this is how builds are claimed. Implementations: <see cref="LocalStatusStore"/> (a folder) and
/// an Azure Table (Pangy.Azure).
/// </summary>
public interface IStatusStore
{
    /// <summary>The document, or null when there is none.</summary>
    Task<StatusDocument?> ReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="json"/> if the stored document is still version <paramref name="ifMatch"/> (null: only if
    /// there is none yet). Returns the new ETag, or null when another writer got there first.
    /// </summary>
    Task<string?> TryWriteAsync(string key, string json, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Every document's key, in order.</summary>
    Task<IReadOnlyList<string>> ListKeysAsync(CancellationToken cancellationToken = default);
}
