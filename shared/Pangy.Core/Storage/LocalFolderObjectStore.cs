using System.Globalization;
using System.Runtime.CompilerServices;

namespace Pangy.Core.Storage;

/// <summary>
/// An <see cref="IObjectStore"/> over a local folder (<c>pangy up</c>'s <c>uploads/</c>); names must stay inside it.
/// The ETag is the file's size and last-write time, which changes whenever a copy or save replaces it. Hidden files
/// and folders (a leading dot: editors' and copy tools' temporaries) are not objects.
/// </summary>
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

    public Task<Stream> OpenReadAsync(string name, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string path = PathOf(name);
        // A linked upload's size and ETag are the linked file's: replacing that file is a new version.
        var info = FileTarget.Of(path);
        if (!info.Exists) throw new FileNotFoundException($"no object '{name}' in {Root}", path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.SequentialScan);
        // Checked after opening: the open handle keeps reading this version even if the file is replaced meanwhile.
        info.Refresh();
        if (ifMatch is not null && ETagOf(info) != ifMatch)
        {
            stream.Dispose();
            throw new ObjectChangedException(name, ifMatch);
        }
        return Task.FromResult<Stream>(stream);
    }

    public Task<ObjectInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        var info = FileTarget.Of(PathOf(name));
        return Task.FromResult(info.Exists ? ToObject(name, info) : null);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        if (!Directory.Exists(Root)) yield break;
        var names = new List<(string Name, FileInfo Info)>();
        foreach (var file in new DirectoryInfo(Root).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            string name = Path.GetRelativePath(Root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (name.Split('/').Any(part => part.StartsWith('.'))) continue;
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var info = FileTarget.Of(file);
            if (info.Exists) names.Add((name, info)); // a dangling link is no object
        }
        foreach (var (name, info) in names.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ToObject(name, info);
        }
    }

    private static ObjectInfo ToObject(string name, FileInfo info) =>
        new(name, info.Length, ETagOf(info), new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));

    private static string ETagOf(FileInfo info) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
}
