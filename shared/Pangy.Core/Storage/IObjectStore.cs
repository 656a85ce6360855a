namespace Pangy.Core.Storage;

/// <summary>
/// A flat store of named blobs that inputs are read from: a local folder, or an Azure Blob container (the
/// lab's uploads). Names use '/' separators. Reads stream; nothing is buffered whole.
/// </summary>
public interface IObjectStore
{
    /// <summary>Opens <paramref name="name"/> for sequential reading.</summary>
    /// <exception cref="FileNotFoundException">No such blob.</exception>
    Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The blob's size in bytes, or null when it does not exist.</summary>
    Task<long?> GetLengthAsync(string name, CancellationToken cancellationToken = default);
}
