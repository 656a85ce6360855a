namespace Pangy.Core.Storage;

/// <summary>
/// A flat store of named blobs that inputs are read from: a local folder, or an Azure Blob container (the
/// lab's uploads). Names use '/' separators. Reads stream; nothing is buffered whole. Every object has an ETag that
/// changes whenever its content may have changed, so that work can be keyed by the exact version it read.
/// </summary>
public interface IObjectStore
{
    /// <summary>
    /// Opens <paramref name="name"/> for sequential reading; with <paramref name="ifMatch"/>, only while the object is
    /// still that version (a blob read is conditional for its whole length, so a newer upload fails the read).
    /// </summary>
    /// <exception cref="FileNotFoundException">No such object.</exception>
    /// <exception cref="ObjectChangedException">The object is no longer version <paramref name="ifMatch"/>.</exception>
    Task<Stream> OpenReadAsync(string name, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>The object's size and ETag, or null when it does not exist.</summary>
    Task<ObjectInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every object whose name starts with <paramref name="prefix"/>, in name order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix = "", CancellationToken cancellationToken = default);
}
