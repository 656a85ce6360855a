using System.Diagnostics;
using System.Security.Cryptography;
using Pangy.Core.Assets;
using Pangy.Testing;

namespace Pangy.Assets.Tests.DataManager;

/// <summary>
/// The data manager's guarantees, run against each provider (folder, HTTPS, Azurite): downloads once across
/// processes, never serves a partial or corrupt file, serves cached files offline, tells "not found" from "unreachable".
/// </summary>
public abstract class DataManagerGuarantees
{
    protected abstract Task<BucketUnderTest> OpenAsync();

    private static byte[] Content(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string NewCache() => Directory.CreateTempSubdirectory("pangy-cache").FullName;

    private static string UniqueName(string ext = ".2bit") => $"t{Guid.NewGuid():N}"[..12] + ext;

    private static async Task<string> PublishAsync(BucketUnderTest b, string name, byte[] content)
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("pangy-src").FullName, name);
        await File.WriteAllBytesAsync(file, content);
        Assert.True(await new AssetManager(b.Publisher, NewCache()).UploadAsync(file, name));
        return file;
    }

    private static string[] Partials(string cache) =>
        Directory.Exists(Path.Combine(cache, ".pangy", "partial")) ? Directory.GetFiles(Path.Combine(cache, ".pangy", "partial")) : [];

    private static int LoggedDownloads(AssetManager m, string name) =>
        File.Exists(m.DownloadLog) ? File.ReadAllLines(m.DownloadLog).Count(l => l.Split('\t')[1] == name) : 0;

    [Fact]
    public async Task DownloadsOnceVerifiesAndThenServesTheCache()
    {
        await using var b = await OpenAsync();
        string name = UniqueName();
        var content = Content(300_000, 1);
        await PublishAsync(b, name, content);
        var m = new AssetManager(b.Bucket, NewCache());
        string path = await m.GetFileAsync(name);
        Assert.Equal(Path.Combine(m.CacheDirectory, name), path);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.Equal(path, await m.GetFileAsync(name));
        Assert.Equal(1, LoggedDownloads(m, name));
        if (b.Server is { } s) Assert.Equal(1, s.Gets(name));
        var listing = await m.ListAsync();
        Assert.Null(listing.BucketError);
        var entry = Assert.Single(listing.Files, f => f.Name == name);
        Assert.True(entry.Cached && entry.InBucket);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), entry.Sha256);
    }

    [Fact]
    public async Task TwoProcessesAskingAtOnceDownloadOnce()
    {
        await using var b = await OpenAsync();
        string name = UniqueName();
        var content = Content(1_500_000, 2);
        await PublishAsync(b, name, content);
        string cache = NewCache();
        // Slowed to about a second, so the second process asks while the first is still downloading.
        if (b.Server is { } server) server.BytesPerSecond = 1_500_000;
        var p1 = PangyProcess.Start("assets", "get", name, "--assets", b.Location, "--cache", cache);
        var p2 = PangyProcess.Start("assets", "get", name, "--assets", b.Location, "--cache", cache);
        var r1 = await PangyProcess.FinishAsync(p1);
        var r2 = await PangyProcess.FinishAsync(p2);
        Assert.True(r1.ExitCode == 0, r1.Stderr);
        Assert.True(r2.ExitCode == 0, r2.Stderr);
        Assert.Equal(Path.Combine(cache, name), r1.Stdout.Trim());
        Assert.Equal(r1.Stdout, r2.Stdout);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(cache, name)));
        var m = new AssetManager(b.Bucket, cache);
        Assert.Equal(1, LoggedDownloads(m, name));
        if (b.Server is { } s) Assert.Equal(1, s.Gets(name));
        Assert.Empty(Partials(cache));

        // Threads of one process as well.
        string other = UniqueName();
        await PublishAsync(b, other, Content(200_000, 3));
        var paths = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => m.GetFileAsync(other))));
        Assert.All(paths, p => Assert.Equal(Path.Combine(cache, other), p));
        Assert.Equal(1, LoggedDownloads(m, other));
        if (b.Server is { } s2) Assert.Equal(1, s2.Gets(other));
    }

    [Fact]
    public async Task ADownloadKilledHalfWayLeavesNoFileThatIsServed()
    {
        await using var b = await OpenAsync();
        string name = UniqueName();
        var content = Content(2_000_000, 4);
        await PublishAsync(b, name, content);
        string cache = NewCache();
        if (b.Server is { } server)
        {
            server.BytesPerSecond = 250_000;
            var p = PangyProcess.Start("assets", "get", name, "--assets", b.Location, "--cache", cache);
            var clock = Stopwatch.StartNew();
            while (!Partials(cache).Any(f => new FileInfo(f).Length > 100_000))
            {
                if (p.HasExited) Assert.Fail("pangy assets get ended before it could be killed: " + p.StandardError.ReadToEnd());
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no partial download appeared");
                await Task.Delay(50);
            }
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            server.BytesPerSecond = 0;
            Assert.NotEmpty(Partials(cache));
        }
        else
        {
            // A folder copies too fast to kill mid-way: leave what a killed downloader leaves (its partial file and
            // its lock file, no longer locked).
            Directory.CreateDirectory(Path.Combine(cache, ".pangy", "partial"));
            Directory.CreateDirectory(Path.Combine(cache, ".pangy", "locks"));
            await File.WriteAllBytesAsync(Path.Combine(cache, ".pangy", "partial", $"{name}.4242.{Guid.NewGuid():N}.part"), content[..700_000]);
            await File.WriteAllBytesAsync(Path.Combine(cache, ".pangy", "locks", name + ".lock"), []);
        }
        Assert.False(File.Exists(Path.Combine(cache, name)));
        var m = new AssetManager(b.Bucket, cache);
        Assert.Equal(0, LoggedDownloads(m, name));
        string path = await m.GetFileAsync(name);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.Empty(Partials(cache));
        Assert.Equal(1, LoggedDownloads(m, name));
    }

    [Fact]
    public async Task ACorruptedCachedFileIsDetectedByItsChecksum()
    {
        await using var b = await OpenAsync();
        string name = UniqueName();
        var content = Content(100_000, 5);
        await PublishAsync(b, name, content);
        var m = new AssetManager(b.Bucket, NewCache());
        string path = await m.GetFileAsync(name);
        await using (var f = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            f.Position = 5000;
            f.WriteByte((byte)(content[5000] ^ 0xFF));
        }
        var e = await Assert.ThrowsAsync<AssetChecksumException>(() => m.GetFileAsync(name));
        Assert.Contains("no longer matches the SHA-256", e.Message);
        Assert.Contains("--refresh", e.Message);
        // A fresh download repairs it.
        Assert.Equal(content, await File.ReadAllBytesAsync(await m.GetFileAsync(name, refresh: true)));
        Assert.Equal(path, await m.GetFileAsync(name));
    }

    [Fact]
    public async Task ABucketFileThatDoesNotMatchItsManifestIsNeverServed()
    {
        await using var b = await OpenAsync();
        string name = UniqueName();
        await PublishAsync(b, name, Content(50_000, 6));
        // Replaced behind the manifest's back (same size, other bytes).
        using (var other = new MemoryStream(Content(50_000, 7)))
            Assert.True(await b.Publisher.TryPutAsync(name, other, null, default));
        string cache = NewCache();
        var m = new AssetManager(b.Bucket, cache);
        var e = await Assert.ThrowsAsync<AssetChecksumException>(() => m.GetFileAsync(name));
        Assert.Contains("does not match manifest.json", e.Message);
        Assert.False(File.Exists(Path.Combine(cache, name)));
        Assert.Empty(Partials(cache));
    }

    [Fact]
    public async Task AnOfflineBucketStillServesCachedFilesAndSaysWhyOthersFail()
    {
        await using var b = await OpenAsync();
        string name = UniqueName(), uncached = UniqueName();
        var content = Content(80_000, 8);
        await PublishAsync(b, name, content);
        await PublishAsync(b, uncached, Content(10, 9));
        string cache = NewCache();
        await new AssetManager(b.Bucket, cache).GetFileAsync(name);

        var offline = new AssetManager(b.Offline(), cache);
        Assert.Equal(content, await File.ReadAllBytesAsync(await offline.GetFileAsync(name)));
        var e = await Assert.ThrowsAsync<AssetUnreachableException>(() => offline.GetFileAsync(uncached));
        Assert.StartsWith("could not reach the asset bucket", e.Message);
        var listing = await offline.ListAsync();
        Assert.NotNull(listing.BucketError);
        Assert.Equal([name], listing.Files.Select(f => f.Name));

        // Reachable, but no such file: a different error.
        var missing = await Assert.ThrowsAsync<AssetNotFoundException>(() => new AssetManager(b.Bucket, cache).GetFileAsync("nothing-here.2bit"));
        Assert.Contains("is not in the asset bucket", missing.Message);
    }

    [Fact]
    public async Task UploadRecordsTheChecksumAndRefusesToOverwriteADifferentFile()
    {
        await using var b = await OpenAsync();
        var m = new AssetManager(b.Bucket, NewCache());
        string name = UniqueName(".chrom.sizes");
        string dir = Directory.CreateTempSubdirectory("pangy-up").FullName;
        string a = Path.Combine(dir, "a"), c = Path.Combine(dir, "c");
        await File.WriteAllTextAsync(a, "chr1\t100\n");
        await File.WriteAllTextAsync(c, "chr1\t200\n");
        if (!b.Bucket.CanWrite)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => m.UploadAsync(a, name));
            return;
        }
        Assert.True(await m.UploadAsync(a, name));
        Assert.False(await m.UploadAsync(a, name)); // identical: nothing to do
        await Assert.ThrowsAsync<AssetExistsException>(() => m.UploadAsync(c, name));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(a))), (await m.GetManifestAsync()).Find(name)!.Sha256);
        Assert.True(await m.UploadAsync(c, name, overwrite: true));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(c))), (await m.GetManifestAsync()).Find(name)!.Sha256);
        Assert.Equal("chr1\t200\n", await File.ReadAllTextAsync(await new AssetManager(b.Bucket, NewCache()).GetFileAsync(name)));
        // Concurrent uploads of different files all land in the manifest (conditional manifest updates).
        var names = Enumerable.Range(0, 5).Select(_ => UniqueName(".txt")).ToArray();
        await Task.WhenAll(names.Select(n => Task.Run(() => new AssetManager(b.Bucket, NewCache()).UploadAsync(a, n))));
        var manifest = await m.GetManifestAsync();
        Assert.All(names, n => Assert.NotNull(manifest.Find(n)));
    }
}
