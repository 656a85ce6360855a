using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Pangy.Core.Storage;

namespace Pangy.Core.Assets;

/// <summary>
/// GenomeKit's data manager, with its users' complaints fixed: <see cref="GetFileAsync"/> turns an asset name into a
/// local path, downloading the file from the bucket into the cache the first time.
/// <list type="bullet">
/// <item>Local files win: a file in the cache is served without asking the bucket (so a user may drop files in by
/// hand, and a cached file is served offline).</item>
/// <item>A download goes to a partial file and is renamed into place only after its SHA-256 matched the bucket's
/// <c>manifest.json</c>: a killed download leaves no file that could be served, and a mismatch is an error.</item>
/// <item>Threads and processes download a file once: the downloader holds a lock file per name; the others wait and
/// then find the file. Partial files of a downloader that died are removed by the next one.</item>
/// <item>A downloaded file's checksum is remembered; when the cached file's size or time stamp changes it is hashed
/// again and, if it no longer matches, refused.</item>
/// <item>"Not in the bucket" (<see cref="AssetNotFoundException"/>) and "could not ask the bucket"
/// (<see cref="AssetUnreachableException"/>) are different errors.</item>
/// </list>
/// Cache layout: <c>{cache}/{name}</c>, and under <c>{cache}/.pangy/</c>: <c>locks/</c>, <c>partial/</c>,
/// <c>verified/{name}.json</c> (the checksum a file was downloaded with) and <c>downloads.log</c> (one line per
/// download).
/// </summary>
public sealed class AssetManager
{
    /// <summary>The environment variable naming the cache folder (a mounted share in Azure).</summary>
    public const string CacheVariable = "PANGY_ASSET_CACHE";

    private const string StateFolder = ".pangy";

    public AssetManager(IAssetBucket bucket, string? cacheDirectory = null)
    {
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
        CacheDirectory = Path.GetFullPath(string.IsNullOrEmpty(cacheDirectory) ? DefaultCacheDirectory() : cacheDirectory);
        Directory.CreateDirectory(CacheDirectory);
    }

    public IAssetBucket Bucket { get; }

    /// <summary>The local cache folder.</summary>
    public string CacheDirectory { get; }

    /// <summary>The file recording each download (time, name, size, SHA-256, process, bucket), tab-separated.</summary>
    public string DownloadLog => Path.Combine(CacheDirectory, StateFolder, "downloads.log");

    /// <summary><c>$PANGY_ASSET_CACHE</c>, else <c>pangy/assets</c> under the user's local data folder.</summary>
    public static string DefaultCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } configured) return configured;
        string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(data.Length > 0 ? data : Path.GetTempPath(), "pangy", "assets");
    }

    /// <summary>
    /// The local path of asset <paramref name="name"/>, downloading it first when the cache lacks it (or, with
    /// <paramref name="refresh"/>, always).
    /// </summary>
    /// <exception cref="ArgumentException">Not a flat asset name.</exception>
    /// <exception cref="AssetNotFoundException">Neither the cache nor the bucket has it.</exception>
    /// <exception cref="AssetUnreachableException">Not cached, and the bucket could not be asked.</exception>
    /// <exception cref="AssetChecksumException">The download or the cached copy does not match the manifest's SHA-256, or the manifest lists none.</exception>
    public async Task<string> GetFileAsync(string name, IProgress<AssetTransferProgress>? progress = null, bool refresh = false,
        CancellationToken cancellationToken = default)
    {
        AssetNames.Check(name);
        string path = Path.Combine(CacheDirectory, name);
        if (!refresh && File.Exists(path)) return VerifyCached(name, path);
        using var held = await FileLock.AcquireAsync(State("locks", name + ".lock"), cancellationToken);
        if (refresh)
        {
            File.Delete(path);
            File.Delete(VerifiedPath(name));
        }
        else if (File.Exists(path))
        {
            return VerifyCached(name, path);
        }
        CleanPartials(name);

        var stat = await Bucket.StatAsync(name, cancellationToken) ?? throw new AssetNotFoundException(name, Bucket.Location);
        var (manifest, _) = await ReadManifestAsync(name, cancellationToken);
        var expected = manifest.Find(name) ?? throw new AssetChecksumException(name,
            $"'{name}' is in the asset bucket {Bucket.Location} but its {AssetManifest.FileName} lists no SHA-256 for it, so it cannot be " +
            $"verified; upload it with `pangy assets upload` (which records one)");
        if (stat.Size != expected.Size)
            throw new AssetChecksumException(name, $"'{name}' in {Bucket.Location} has {stat.Size} bytes but {AssetManifest.FileName} lists {expected.Size}; the bucket is inconsistent (re-upload it)");

        string partial = State("partial", $"{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.part");
        try
        {
            string sha;
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            await using (var hashing = new HashingStream(file, done => progress?.Report(new AssetTransferProgress(name, done, expected.Size))))
            {
                await Bucket.DownloadAsync(name, hashing, cancellationToken);
                await hashing.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
                sha = hashing.Sha256();
                if (hashing.BytesWritten != expected.Size || sha != expected.Sha256)
                    throw new AssetChecksumException(name,
                        $"the download of '{name}' from {Bucket.Location} ({hashing.BytesWritten} bytes, SHA-256 {sha}) does not match " +
                        $"{AssetManifest.FileName} ({expected.Size} bytes, {expected.Sha256}); it was not kept");
            }
            // The checksum is recorded before the file appears: a file at its final name always has one.
            WriteVerified(name, partial, sha);
            File.Move(partial, path, overwrite: false); // keeps the time stamp the record holds
            File.AppendAllText(DownloadLog, string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:O}\t{name}\t{expected.Size}\t{sha}\t{Environment.ProcessId}\t{Bucket.Location}\n"));
            return path;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Uploads <paramref name="path"/> as <paramref name="name"/> and records its SHA-256 in the manifest. Returns false
    /// when the bucket already holds exactly this file (nothing is written).
    /// </summary>
    /// <exception cref="AssetExistsException">The bucket holds a different file of that name and <paramref name="overwrite"/> is not set.</exception>
    /// <exception cref="NotSupportedException">The bucket is read-only.</exception>
    public async Task<bool> UploadAsync(string path, string name, bool overwrite = false, IProgress<AssetTransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        AssetNames.Check(name);
        if (!Bucket.CanWrite) throw new NotSupportedException($"the asset bucket {Bucket.Location} is read-only");
        var entry = await HashFileAsync(path, cancellationToken);
        var stat = await Bucket.StatAsync(name, cancellationToken);
        var (manifest, _) = await ReadManifestAsync(name, cancellationToken);
        if (stat is not null)
        {
            if (manifest.Find(name) == entry && stat.Size == entry.Size) return false;
            if (!overwrite) throw new AssetExistsException(name, Bucket.Location);
        }
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous))
        await using (var counted = new ProgressReadStream(file, done => progress?.Report(new AssetTransferProgress(name, done, entry.Size))))
            await Bucket.TryPutAsync(name, counted, null, cancellationToken);
        // The manifest is replaced only if nobody changed it since it was read; otherwise read it again and retry.
        for (int attempt = 0; ; attempt++)
        {
            var (current, etag) = await ReadManifestAsync(name, cancellationToken);
            using var json = new MemoryStream(current.With(name, entry).ToJson());
            if (await Bucket.TryPutAsync(AssetManifest.FileName, json, etag, cancellationToken)) return true;
            if (attempt == 20) throw new AssetUnreachableException(name, Bucket.Location, $"{AssetManifest.FileName} kept changing while it was updated");
            await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1)), cancellationToken);
        }
    }

    /// <summary>Everything the bucket offers and everything cached; offline, the cached files and the reason.</summary>
    public async Task<AssetListing> ListAsync(CancellationToken cancellationToken = default)
    {
        var cached = Directory.EnumerateFiles(CacheDirectory)
            .Select(p => new FileInfo(p)).Where(f => AssetNames.IsValid(f.Name))
            .Select(f => (f.Name, Target: FileTarget.Of(f))).Where(f => f.Target.Exists)
            .ToDictionary(f => f.Name, f => f.Target.Length, StringComparer.Ordinal);
        var files = new SortedDictionary<string, AssetEntry>(StringComparer.Ordinal);
        string? error = null;
        try
        {
            var objects = await Bucket.ListAsync(cancellationToken);
            var (manifest, _) = await ReadManifestAsync(AssetManifest.FileName, cancellationToken);
            foreach (var o in objects.Where(o => AssetNames.IsValid(o.Name)))
                files[o.Name] = new AssetEntry(o.Name, o.Size, manifest.Find(o.Name)?.Sha256, true, cached.ContainsKey(o.Name));
        }
        catch (AssetUnreachableException e)
        {
            error = e.Message;
        }
        foreach (var (name, size) in cached)
            if (!files.ContainsKey(name)) files[name] = new AssetEntry(name, size, ReadVerified(name)?.Sha256, false, true);
        return new AssetListing([.. files.Values], error);
    }

    /// <summary>The bucket's manifest (empty when it has none yet).</summary>
    public async Task<AssetManifest> GetManifestAsync(CancellationToken cancellationToken = default) =>
        (await ReadManifestAsync(AssetManifest.FileName, cancellationToken)).Manifest;

    private async Task<(AssetManifest Manifest, string ETag)> ReadManifestAsync(string forName, CancellationToken cancellationToken)
    {
        var stat = await Bucket.StatAsync(AssetManifest.FileName, cancellationToken);
        if (stat is null) return (new AssetManifest(), AssetObject.Absent);
        using var buffer = new MemoryStream();
        try
        {
            await Bucket.DownloadAsync(AssetManifest.FileName, buffer, cancellationToken);
        }
        catch (AssetNotFoundException)
        {
            return (new AssetManifest(), AssetObject.Absent);
        }
        try
        {
            return (AssetManifest.Parse(buffer.ToArray(), $"{Bucket.Location} {AssetManifest.FileName}"), stat.ETag);
        }
        catch (Formats.BadInputException e)
        {
            throw new AssetChecksumException(forName, e.Message);
        }
    }

    private string VerifyCached(string name, string path)
    {
        var recorded = ReadVerified(name);
        // A file without a record was put there by hand (or the cache is the bucket folder itself): it is the user's own.
        if (recorded is null) return path;
        var info = FileTarget.Of(path);
        if (info.Length == recorded.Size && info.LastWriteTimeUtc.Ticks == recorded.Ticks) return path;
        string sha = HashFile(path);
        if (sha != recorded.Sha256 || info.Length != recorded.Size)
            throw new AssetChecksumException(name,
                $"the cached '{path}' no longer matches the SHA-256 it was downloaded with ({recorded.Sha256}; now {sha}): it was changed or " +
                $"damaged, so it is not served. Run `pangy assets get {name} --refresh` to download it again, or delete it");
        WriteVerified(name, path, sha);
        return path;
    }

    private sealed record Verified(string Sha256, long Size, long Ticks);

    private string VerifiedPath(string name) => State("verified", name + ".json");

    private Verified? ReadVerified(string name)
    {
        try
        {
            return JsonSerializer.Deserialize<Verified>(File.ReadAllBytes(VerifiedPath(name)));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            // A damaged record cannot vouch for the file: ask for a full check against an impossible checksum.
            return new Verified("unreadable record", -1, -1);
        }
    }

    private void WriteVerified(string name, string file, string sha)
    {
        var info = FileTarget.Of(file);
        string target = VerifiedPath(name), temp = target + $".{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(new Verified(sha, info.Length, info.LastWriteTimeUtc.Ticks)));
        File.Move(temp, target, overwrite: true);
    }

    private void CleanPartials(string name)
    {
        // Called with the name's lock held: any partial of this name belongs to a downloader that died.
        string folder = State("partial", "");
        foreach (var stale in Directory.EnumerateFiles(folder, name + ".*.part"))
            File.Delete(stale);
    }

    private string State(string folder, string file)
    {
        string dir = Path.Combine(CacheDirectory, StateFolder, folder);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, file);
    }

    private static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static async Task<AssetManifestEntry> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new AssetManifestEntry(Convert.ToHexStringLower(hash), stream.Length);
    }
}
