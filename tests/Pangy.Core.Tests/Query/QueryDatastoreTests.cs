using Pangy.Core.Datastore;
using Pangy.Core.Query;
using Pangy.Core.Storage;

namespace Pangy.Core.Tests.Query;

/// <summary>
/// The query read model (<see cref="QueryDatastore"/>) on its own, without HTTP: listing, defaults, name checks,
/// leases, and that it reaches the datastore only through <see cref="IReadableDatastore"/>.
/// </summary>
[Collection(Drb1DatastoreCollection.Name)]
public sealed class QueryDatastoreTests(Drb1DatastoreFixture f)
{
    [Fact]
    public void Lists_the_datastore_and_picks_its_only_dataset_and_its_reference_as_defaults()
    {
        using var q = new QueryDatastore(f.Store);
        Assert.Equal(["drb1"], q.Datasets());
        Assert.Equal(["DRB1"], q.Chromosomes("drb1"));
        Assert.Equal("drb1", q.DefaultDataset);
        Assert.Equal(TestData.Drb1Ref, q.DefaultGenome("drb1"));
        Assert.Equal(TestData.Drb1Ref, q.ReferenceOf("drb1", "DRB1"));
        Assert.Null(q.ReferenceOf("drb1", "chrX"));
        Assert.Null(q.DefaultGenome("none"));
        Assert.Equal(f.Root, q.Root);
    }

    [Fact]
    public void The_default_dataset_is_the_configured_one_else_the_only_one_else_default_else_the_first()
    {
        using var tmp = new TempDir();
        var root = new DatastoreLayout(tmp["store"]);
        Directory.CreateDirectory(root.Chromosome("b", "c").Directory);
        Directory.CreateDirectory(root.Chromosome("a", "c").Directory);
        var instant = new QueryDatastoreOptions { ListingLifetime = TimeSpan.Zero };
        using (var q = new QueryDatastore(root.Root, instant)) Assert.Equal("a", q.DefaultDataset);
        Directory.CreateDirectory(root.Chromosome("_default_", "c").Directory);
        using (var q = new QueryDatastore(root.Root, instant)) Assert.Equal("_default_", q.DefaultDataset);
        using (var q = new QueryDatastore(root.Root, instant with { DefaultDataset = "b" })) Assert.Equal("b", q.DefaultDataset);
        using (var q = new QueryDatastore(tmp["empty"], instant))
        {
            Assert.Null(q.DefaultDataset);
            Assert.Throws<NotFoundQueryException>(() => q.ResolveDataset(null));
        }
    }

    [Fact]
    public void Names_are_checked_before_anything_is_opened()
    {
        using var q = new QueryDatastore(f.Store);
        Assert.Equal("drb1", q.ResolveDataset(null));
        Assert.Equal("drb1", q.ResolveDataset(""));
        Assert.Throws<BadQueryException>(() => q.ResolveDataset("../etc"));
        Assert.Throws<NotFoundQueryException>(() => q.ResolveDataset("other"));
        Assert.Throws<BadQueryException>(() => q.Open("drb1", null));
        Assert.Throws<BadQueryException>(() => q.Open("drb1", "../DRB1"));
        Assert.Throws<NotFoundQueryException>(() => q.Open("drb1", "DRB2"));
        Assert.False(q.HasChromosome("drb1", "drb1"));
        Assert.True(q.HasChromosome("drb1", "DRB1"));
    }

    [Fact]
    public void A_lease_reads_the_chromosome_and_the_reader_is_shared_between_leases()
    {
        using var q = new QueryDatastore(f.Store);
        using var a = q.Open("drb1", "DRB1");
        using var b = q.Open(null, "DRB1");
        Assert.Same(a.Reader, b.Reader);
        Assert.Equal(TestData.Drb1Ref, a.Reader.Reference);
        Assert.Equal(3214, a.Reader.Segments.Count);
        Assert.Equal(4380, a.Reader.Links.Count);
        Assert.True(a.Reader.HasBubbles);
        Assert.NotNull(a.Reader.Polychains);
        Assert.NotNull(a.Reader.SpineFile(TestData.Drb1Ref));
        Assert.Equal(f.Store.Locate(new ChromosomeKey("drb1", "DRB1")).Directory, a.Reader.Directory);
    }

    [Fact]
    public void Everything_is_reached_through_the_seam_even_a_datastore_that_is_not_a_folder_layout()
    {
        // A seam whose dataset is called "renamed" and whose chromosome lives wherever the seam says: the read model
        // can only find it by asking, never by building a path under a root.
        var seam = new RenamingDatastore(f.Store, "renamed", new ChromosomeKey("drb1", "DRB1"));
        using var q = new QueryDatastore(seam);
        Assert.Equal(["renamed"], q.Datasets());
        Assert.Equal("renamed", q.DefaultDataset);
        Assert.Equal(TestData.Drb1Ref, q.DefaultGenome("renamed"));
        using var lease = q.Open("renamed", "DRB1");
        Assert.Equal(4380, lease.Reader.Links.Count);
        Assert.Contains(nameof(IReadableDatastore.OpenForReading), seam.Calls);
        Assert.Contains(nameof(IReadableDatastore.Locate), seam.Calls);
        using var sets = new AnnotationSets(seam, null);
        Assert.NotNull(sets.Find(TestData.Drb1Ref));
    }

    [Fact]
    public void A_chromosome_published_anew_gets_a_new_reader()
    {
        using var tmp = new TempDir();
        var root = new DatastoreLayout(tmp["store"]);
        string dir = root.Chromosome("d", "c").Directory;
        CopyDirectory(f.Store.Locate(new ChromosomeKey("drb1", "DRB1")).Directory, dir);
        using var q = new QueryDatastore(root.Root, new QueryDatastoreOptions { ListingLifetime = TimeSpan.Zero });
        ChromosomeReader first;
        using (var lease = q.Open("d", "c")) first = lease.Reader;
        Directory.SetLastWriteTimeUtc(dir, DateTime.UtcNow.AddMinutes(1));
        using (var lease = q.Open("d", "c"))
        {
            Assert.NotSame(first, lease.Reader);
            Assert.Equal(3214, lease.Reader.Segments.Count);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var d in Directory.EnumerateDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }

    /// <summary>A real local datastore seen through a seam that serves one chromosome under another dataset name.</summary>
    private sealed class RenamingDatastore(LocalDatastore inner, string dataset, ChromosomeKey real) : IReadableDatastore
    {
        public List<string> Calls { get; } = [];
        public string Location => "renamed:" + inner.Location;
        public string CacheDirectory => inner.CacheDirectory;
        public IReadOnlyList<string> ListDatasets() { Calls.Add(nameof(ListDatasets)); return [dataset]; }
        public IReadOnlyList<string> ListChromosomes(string ds) { Calls.Add(nameof(ListChromosomes)); return ds == dataset ? [real.Chromosome] : []; }
        public ChromosomeLayout Locate(ChromosomeKey key) { Calls.Add(nameof(Locate)); return inner.Locate(Map(key)); }
        public ChromosomeLayout OpenForReading(ChromosomeKey key) { Calls.Add(nameof(OpenForReading)); return inner.OpenForReading(Map(key)); }
        public long ChangeStamp(ChromosomeKey key) => inner.ChangeStamp(Map(key));
        public IReadOnlyList<AnnotationLayout> AnnotationSets(string reference) { Calls.Add(nameof(AnnotationSets)); return inner.AnnotationSets(reference); }
        private ChromosomeKey Map(ChromosomeKey key) => key.Dataset == dataset ? real : throw new ArgumentException($"unknown {key}");
    }
}
