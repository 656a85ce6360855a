namespace Pangy.Core.Storage;

/// <summary>An <see cref="IObjectStore"/> over a local folder; names must stay inside it.</summary>
public sealed class LocalFolderObjectStore(string root) : IObjectStore
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The local path of <paramref name="name"/>, refusing names that would leave the folder.</summary>
    public string PathOf(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string full = Path.GetFullPath(Path.Combine(Root, name));
        string rootWithSep = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSep, StringComparison.Ordinal))
            throw new ArgumentException($"object name '{name}' leaves the store's folder");
        return full;
    }

    public Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string path = PathOf(name);
        if (!File.Exists(path)) throw new FileNotFoundException($"no object '{name}' in {Root}", path);
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
    }

    public Task<long?> GetLengthAsync(string name, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(name));
        return Task.FromResult(info.Exists ? info.Length : (long?)null);
    }
}
