using Pangy.Core.Datastore;
using Pangy.Core.Query;
using Pangy.Core.Storage;
using Pangy.Core.Tests.Query;

namespace Pangy.Core.Tests.Storage;

/// <summary>
/// A datastore on a "share" (a real local datastore standing in for the mount) behind a local cache of hot files: the
/// read model answers the same, hot files are local copies within the budget, the rest stays on the share.
/// </summary>
[Collection(Drb1DatastoreCollection.Name)]
public sealed class CachedReadableDatastoreTests(Drb1DatastoreFixture f)
{
    private static readonly ChromosomeKey Drb1 = new("drb1", "DRB1");

    [Fact]
    public void Hot_files_are_copied_the_rest_is_linked_and_the_read_model_reads_the_same()
    {
        using var tmp = new TempDir();
        var cached = new CachedReadableDatastore(f.Store, tmp["cache"], byteBudget: 1L << 30);
        var files = cached.OpenForReading(Drb1);
        Assert.StartsWith(tmp["cache"], files.Directory, StringComparison.Ordinal);
        Assert.Null(new DirectoryInfo(files.IndexDirectory(SegmentIndexLayout.Index)).LinkTarget);
        Assert.Null(new FileInfo(files.SegmentsDb).LinkTarget);
        Assert.Equal(f.Store.Locate(Drb1).PathsDirectory, new DirectoryInfo(files.PathsDirectory).LinkTarget);
        Assert.Equal(f.Store.Locate(Drb1).PolychainDataFile, new FileInfo(files.PolychainDataFile).LinkTarget);
        Assert.True(cached.CachedBytes > 0);

        using var direct = new QueryDatastore(f.Store);
        using var viaCache = new QueryDatastore(cached);
        using var a = direct.Open("drb1", "DRB1");
        using var b = viaCache.Open("drb1", "DRB1");
        Assert.Equal(files.Directory, b.Reader.Directory);
        Assert.Equal(a.Reader.Segments.Count, b.Reader.Segments.Count);
        Assert.Equal(a.Reader.Links.Count, b.Reader.Links.Count);
        Assert.Equal(a.Reader.Steps.Ends.ToArray(), b.Reader.Steps.Ends.ToArray());
        Assert.Equal(a.Reader.Paths.Samples, b.Reader.Paths.Samples);
        Assert.Equal(a.Reader.SegmentRow(11)!.Seq, b.Reader.SegmentRow(11)!.Seq);
        Assert.Equal(direct.DefaultGenome("drb1"), viaCache.DefaultGenome("drb1"));
        Assert.Equal(files.Directory, cached.OpenForReading(Drb1).Directory);
    }

    [Fact]
    public void With_no_budget_everything_stays_on_the_share()
    {
        using var tmp = new TempDir();
        var cached = new CachedReadableDatastore(f.Store, tmp["cache"], byteBudget: 0);
        var files = cached.OpenForReading(Drb1);
        Assert.NotNull(new DirectoryInfo(files.IndexDirectory(SegmentIndexLayout.Index)).LinkTarget);
        Assert.NotNull(new FileInfo(files.SegmentsDb).LinkTarget);
        Assert.Equal(0, cached.CachedBytes);
        using var q = new QueryDatastore(cached);
        using var lease = q.Open("drb1", "DRB1");
        Assert.Equal(3214, lease.Reader.Segments.Count);
    }

    [Fact]
    public void The_least_recently_opened_chromosome_is_evicted_and_the_share_is_untouched()
    {
        using var tmp = new TempDir();
        var share = new LocalDatastore(tmp["share"]);
        foreach (var chr in new[] { "A", "B" })
            CopyDirectory(f.Store.Locate(Drb1).Directory, share.Layout.Chromosome("d", chr).Directory);
        var probe = new CachedReadableDatastore(share, tmp["probe"], long.MaxValue);
        probe.OpenForReading(new ChromosomeKey("d", "A"));
        long one = probe.CachedBytes;

        var cached = new CachedReadableDatastore(share, tmp["cache"], byteBudget: one + one / 2);
        var a = cached.OpenForReading(new ChromosomeKey("d", "A"));
        Assert.Equal(one, cached.CachedBytes);
        var b = cached.OpenForReading(new ChromosomeKey("d", "B"));
        Assert.Equal(one, cached.CachedBytes);
        Assert.False(Directory.Exists(a.Directory));
        Assert.Null(new FileInfo(b.SegmentsDb).LinkTarget);
        foreach (var chr in new[] { "A", "B" })
            Assert.True(File.Exists(share.Layout.Chromosome("d", chr).PathIndexFile));

        // A new process finds the copies on disk and counts them.
        var again = new CachedReadableDatastore(share, tmp["cache"], byteBudget: one + one / 2);
        Assert.Equal(one, again.CachedBytes);
    }

    [Fact]
    public void A_chromosome_published_anew_is_copied_anew()
    {
        using var tmp = new TempDir();
        var share = new LocalDatastore(tmp["share"]);
        string dir = share.Layout.Chromosome("d", "c").Directory;
        CopyDirectory(f.Store.Locate(Drb1).Directory, dir);
        var cached = new CachedReadableDatastore(share, tmp["cache"], 1L << 30);
        var key = new ChromosomeKey("d", "c");
        string first = cached.OpenForReading(key).Directory;
        Directory.SetLastWriteTimeUtc(dir, DateTime.UtcNow.AddMinutes(1));
        string second = cached.OpenForReading(key).Directory;
        Assert.NotEqual(first, second);
        Assert.False(Directory.Exists(first));
        Assert.True(Directory.Exists(second));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var d in Directory.EnumerateDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }
}
