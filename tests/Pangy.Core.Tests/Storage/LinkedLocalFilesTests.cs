using Pangy.Core.Assets;
using Pangy.Core.Storage;

namespace Pangy.Core.Tests.Storage;

/// <summary>
/// Files a lab links into a local folder instead of copying: the local object store (uploads) and the asset bucket
/// report the linked file's size and version under the link's name, and a dangling link is no object.
/// </summary>
public sealed class LinkedLocalFilesTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string LinkedUpload()
    {
        string target = _dir.Write("elsewhere/DRB1.gfa", new string('S', 5000));
        Directory.CreateDirectory(_dir["uploads/drb1"]);
        File.CreateSymbolicLink(_dir["uploads/drb1/DRB1.gfa"], target);
        File.CreateSymbolicLink(_dir["uploads/drb1/gone.gfa"], _dir["elsewhere/gone.gfa"]);
        return target;
    }

    [Fact]
    public async Task The_object_store_sizes_a_linked_upload_by_its_file_and_skips_a_dangling_link()
    {
        string target = LinkedUpload();
        var store = new LocalFolderObjectStore(_dir["uploads"]);
        var info = await store.GetInfoAsync("drb1/DRB1.gfa");
        Assert.Equal(5000, info!.Length);
        var listed = await store.ListAsync().ToListAsync();
        Assert.Equal(["drb1/DRB1.gfa"], listed.Select(o => o.Name));
        Assert.Equal(5000, listed[0].Length);
        Assert.Null(await store.GetInfoAsync("drb1/gone.gfa"));

        // Replacing the linked file is a new version of the object.
        File.WriteAllText(target, new string('S', 6000));
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddMinutes(1));
        var replaced = await store.GetInfoAsync("drb1/DRB1.gfa");
        Assert.Equal(6000, replaced!.Length);
        Assert.NotEqual(info.ETag, replaced.ETag);
        await Assert.ThrowsAsync<ObjectChangedException>(() => store.OpenReadAsync("drb1/DRB1.gfa", info.ETag));
        await using var s = await store.OpenReadAsync("drb1/DRB1.gfa", replaced.ETag);
        Assert.Equal(6000, s.Length);
    }

    [Fact]
    public async Task The_asset_bucket_describes_a_linked_genome_by_its_file_under_the_links_name()
    {
        Directory.CreateDirectory(_dir["bucket"]);
        string target = _dir.Write("genomes/hg19.2bit.real", new string('x', 4096));
        File.CreateSymbolicLink(_dir["bucket/hg19.2bit"], target);
        File.CreateSymbolicLink(_dir["bucket/hg38.2bit"], _dir["genomes/missing.2bit"]);
        var bucket = new LocalFolderBucket(_dir["bucket"]);
        var stat = await bucket.StatAsync("hg19.2bit", CancellationToken.None);
        Assert.Equal(("hg19.2bit", 4096L), (stat!.Name, stat.Size));
        var listed = await bucket.ListAsync(CancellationToken.None);
        Assert.Equal([("hg19.2bit", 4096L)], listed.Select(a => (a.Name, a.Size)));
        Assert.Null(await bucket.StatAsync("hg38.2bit", CancellationToken.None));
    }

    [Fact]
    public async Task A_genome_linked_into_the_asset_cache_is_listed_with_its_files_size()
    {
        Directory.CreateDirectory(_dir["bucket"]);
        Directory.CreateDirectory(_dir["cache"]);
        File.CreateSymbolicLink(_dir["cache/hg19.2bit"], _dir.Write("genomes/hg19.2bit", new string('x', 4096)));
        var listing = await new AssetManager(new LocalFolderBucket(_dir["bucket"]), _dir["cache"]).ListAsync();
        var entry = Assert.Single(listing.Files);
        Assert.Equal(("hg19.2bit", 4096L, true), (entry.Name, entry.Size, entry.Cached));
    }

    public void Dispose() => _dir.Dispose();
}
