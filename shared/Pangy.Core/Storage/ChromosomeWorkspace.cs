namespace Pangy.Core.Storage;

/// <summary>A private local directory in which one chromosome is built before it is published.</summary>
public sealed class ChromosomeWorkspace : IDisposable
{
    private readonly Action<ChromosomeWorkspace>? _discard;
    private readonly IDisposable? _owner;

    /// <param name="owner">Held while the workspace lives and released last (e.g. the lock that tells a cleaner its builder is alive).</param>
    public ChromosomeWorkspace(ChromosomeKey key, string directory, Action<ChromosomeWorkspace>? discard = null, IDisposable? owner = null)
    {
        Key = key;
        Directory = directory;
        _discard = discard;
        _owner = owner;
    }

    public ChromosomeKey Key { get; }

    /// <summary>The local directory the stages write into.</summary>
    public string Directory { get; }

    /// <summary>Set by the datastore once the files have been published (the directory may then be gone).</summary>
    public bool Published { get; internal set; }

    /// <summary>Deletes the directory unless it was published.</summary>
    public void Dispose()
    {
        try
        {
            if (Published) return;
            if (_discard is not null) _discard(this);
            else if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        }
        finally
        {
            _owner?.Dispose();
        }
    }
}
