using Pangy.Core.Annotations;
using Pangy.Core.Assets;

namespace Pangy.Assets.Tests.DataManager;

/// <summary>Versioned annotation databases: fetched in the version the code reads, rebuilt from the GFF3 otherwise.</summary>
public sealed class AnnotationAssetTests
{
    private const string Set = "gencode.v29.mini";

    private static (AssetManager Manager, string Bucket) NewBucket()
    {
        string bucket = Directory.CreateTempSubdirectory("pangy-bucket").FullName;
        return (new AssetManager(new LocalFolderBucket(bucket), Directory.CreateTempSubdirectory("pangy-cache").FullName), bucket);
    }

    [Fact]
    public async Task OnlyAGff3IsRebuiltPublishedAndThenFetched()
    {
        var (m, bucket) = NewBucket();
        await m.UploadAsync(TestData.Gff3, Set + ".gff3");
        await m.UploadAsync(TestData.Assets(Set + ".cfg"), Set + ".cfg");
        await File.WriteAllTextAsync(Path.Combine(bucket, "ignored.txt"), "");

        var first = await AnnotationAssets.GetAsync(m, Set);
        Assert.True(first.Rebuilt);
        Assert.Equal($"{Set}.v{AnnotationSchema.FormatVersion}.annotations.db", AnnotationAssets.Database(Set));
        Assert.True(File.Exists(Path.Combine(bucket, AnnotationAssets.Database(Set))));
        Assert.NotNull((await m.GetManifestAsync()).Find(AnnotationAssets.QuickIndex(Set)));
        using (var index = AnnotationIndex.Open(first.Folder))
            Assert.NotEmpty(index.Search("WBP1"));

        // Another machine (a fresh cache) downloads the published version instead of rebuilding.
        var other = new AssetManager(new LocalFolderBucket(bucket), Directory.CreateTempSubdirectory("pangy-cache").FullName);
        var second = await AnnotationAssets.GetAsync(other, Set);
        Assert.False(second.Rebuilt);
        using (var index = AnnotationIndex.Open(second.Folder))
            Assert.NotEmpty(index.Search("WBP1"));
        Assert.Contains(AnnotationAssets.Database(Set), File.ReadAllText(other.DownloadLog));
    }

    [Fact]
    public async Task AnOlderOrNewerVersionAloneIsNeverReadAndTheErrorSaysWhatToRun()
    {
        var (m, bucket) = NewBucket();
        string old = Path.Combine(Directory.CreateTempSubdirectory("pangy-src").FullName, "old.db");
        await File.WriteAllTextAsync(old, "an older format");
        await m.UploadAsync(old, AnnotationAssets.Database(Set, 0));
        await m.UploadAsync(old, AnnotationAssets.Database(Set, AnnotationSchema.FormatVersion + 1));
        var e = await Assert.ThrowsAsync<AssetNotFoundException>(() => AnnotationAssets.GetAsync(m, Set));
        Assert.Contains($"only format version(s) v0, v{AnnotationSchema.FormatVersion + 1}", e.Message);
        Assert.Contains($"pangy assets upload {Set}.gff3", e.Message);

        // With the GFF3 published, the current version is rebuilt from it.
        await m.UploadAsync(TestData.Gff3, Set + ".gff3");
        Assert.True((await AnnotationAssets.GetAsync(m, Set)).Rebuilt);
    }
}
