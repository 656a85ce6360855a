using System.Globalization;
using Pangy.Core.Storage;

namespace Pangy.Core.Assets;

/// <summary>
/// A bucket that is a folder (local disk or a mounted share): the default, and what <c>pangy serve</c> uses for
/// <c>DIR/assets</c>. Writes go to a temporary file renamed into place; conditional writes hold a lock file in the folder.
/// A folder that does not exist is an unreachable bucket (an unmounted share), not an empty one.
/// </summary>
public sealed class LocalFolderBucket : IAssetBucket
{
    private const string LockName = ".pangy-bucket.lock";

    public LocalFolderBucket(string folder) => Folder = Path.GetFullPath(folder);

    /// <summary>The folder's full path.</summary>
    public string Folder { get; }

    public string Location => Folder;

    public bool CanWrite => true;

    public Task<AssetObject?> StatAsync(string name, CancellationToken cancellationToken)
    {
        RequireFolder(name);
        var info = FileTarget.Of(Path.Combine(Folder, name));
        return Task.FromResult(info.Exists ? Describe(name, info) : null);
    }

    public Task<IReadOnlyList<AssetObject>> ListAsync(CancellationToken cancellationToken)
    {
        RequireFolder("");
        IReadOnlyList<AssetObject> list = [.. new DirectoryInfo(Folder).EnumerateFiles()
            .Where(f => !f.Name.StartsWith('.')).OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => (f.Name, Info: FileTarget.Of(f))).Where(f => f.Info.Exists).Select(f => Describe(f.Name, f.Info))];
        return Task.FromResult(list);
    }

    public async Task DownloadAsync(string name, Stream destination, CancellationToken cancellationToken)
    {
        RequireFolder(name);
        FileStream source;
        try
        {
            source = new FileStream(Path.Combine(Folder, name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw new AssetNotFoundException(name, Location);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AssetUnreachableException(name, Location, e.Message, e);
        }
        await using (source)
            await source.CopyToAsync(destination, 1 << 16, cancellationToken);
    }

    public async Task<bool> TryPutAsync(string name, Stream content, string? ifMatch, CancellationToken cancellationToken)
    {
        RequireFolder(name);
        string target = Path.Combine(Folder, name);
        string temp = Path.Combine(Folder, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, 1 << 16, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            using var held = await FileLock.AcquireAsync(Path.Combine(Folder, LockName), cancellationToken);
            if (ifMatch is not null)
            {
                var info = FileTarget.Of(target);
                string current = info.Exists ? Describe(name, info).ETag : AssetObject.Absent;
                if (current != ifMatch) return false;
            }
            File.Move(temp, target, overwrite: true);
            return true;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    // The name is the bucket's (a link's own); the size and version are those of the file it leads to.
    private static AssetObject Describe(string name, FileInfo f) =>
        new(name, f.Length, string.Create(CultureInfo.InvariantCulture, $"{f.Length:x}-{f.LastWriteTimeUtc.Ticks:x}"));

    private void RequireFolder(string name)
    {
        if (!Directory.Exists(Folder)) throw new AssetUnreachableException(name, Location, "the folder does not exist (is the share mounted?)");
    }
}
