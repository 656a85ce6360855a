using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Pangy.Core.Datastore;
using Pangy.Core.Storage;

namespace Pangy.Core.Pipeline;

/// <summary>
/// A status store in a folder: one <c>{key}.json</c> per document, replaced atomically (written aside, then renamed),
/// its ETag the hash of its bytes. A conditional write holds a lock that works across threads (one semaphore per
/// folder and key in the process) and across processes (<see cref="FileLock"/> on a lock file beside the document),
/// so <c>pangy up</c> and a <c>pangy serve</c> beside it agree.
/// </summary>
public sealed class LocalStatusStore : IStatusStore
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public LocalStatusStore(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The folder holding the documents.</summary>
    public string Directory { get; }

    /// <summary>Where a datastore keeps its local status (what <c>pangy up</c> writes and <c>pangy serve</c> reads).</summary>
    public static string InDatastore(string datastoreRoot) => new DatastoreLayout(Path.GetFullPath(datastoreRoot)).StatusDirectory;

    public async Task<StatusDocument?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        byte[] bytes;
        try { bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
        return new StatusDocument(key, Encoding.UTF8.GetString(bytes), ETagOf(bytes));
    }

    public async Task<string?> TryWriteAsync(string key, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        System.IO.Directory.CreateDirectory(Directory);
        var gate = Locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = await FileLock.AcquireAsync(path + ".lock", cancellationToken).ConfigureAwait(false);
            string? current = File.Exists(path) ? ETagOf(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)) : null;
            if (current != ifMatch) return null;
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            string temp = $"{path}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
            return ETagOf(bytes);
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<IReadOnlyList<string>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(Directory)) return Task.FromResult<IReadOnlyList<string>>([]);
        var keys = System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(f => Uri.UnescapeDataString(Path.GetFileNameWithoutExtension(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    private string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        // Escaping keeps any key a single file name ('/' and '..' cannot escape the folder).
        string name = Uri.EscapeDataString(key).Replace(".", "%2E", StringComparison.Ordinal);
        return Path.Combine(Directory, name + ".json");
    }

    private static string ETagOf(byte[] bytes) => "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..20] + "\"";
}
