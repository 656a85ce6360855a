using Pangy.Core.Datastore;
using Pangy.Core.Storage;
using Pangy.Core.Tests.Query;

namespace Pangy.Core.Tests.Storage;

/// <summary>The read side of a local datastore folder (<see cref="IReadableDatastore"/>).</summary>
[Collection(Drb1DatastoreCollection.Name)]
public sealed class LocalDatastoreReadTests(Drb1DatastoreFixture f)
{
    [Fact]
    public void Lists_datasets_and_chromosomes_of_valid_names_only_sorted()
    {
        using var tmp = new TempDir();
        var root = new DatastoreLayout(tmp["store"]);
        foreach (var (ds, chr) in new[] { ("b", "chr2"), ("b", "chr10"), ("a", "x"), (".hidden", "y"), ("b", ".partial") })
            Directory.CreateDirectory(root.Chromosome(ds, chr).Directory);
        IReadableDatastore store = new LocalDatastore(root.Root);
        Assert.Equal(["a", "b"], store.ListDatasets());
        Assert.Equal(["chr10", "chr2"], store.ListChromosomes("b"));
        Assert.Empty(store.ListChromosomes("none"));
        Assert.Empty(store.ListChromosomes("../b"));
    }

    [Fact]
    public void An_empty_folder_lists_nothing()
    {
        using var tmp = new TempDir();
        IReadableDatastore store = new LocalDatastore(tmp["nothing-here"]);
        Assert.Empty(store.ListDatasets());
        Assert.Empty(store.AnnotationSets(TestData.Drb1Ref));
        Assert.Equal(0, store.ChangeStamp(new ChromosomeKey("a", "b")));
    }

    [Fact]
    public void Locates_a_published_chromosome_in_the_layout()
    {
        IReadableDatastore store = f.Store;
        var key = new ChromosomeKey("drb1", "DRB1");
        var files = store.Locate(key);
        Assert.Equal(new DatastoreLayout(f.Root).Chromosome("drb1", "DRB1").Directory, files.Directory);
        Assert.True(File.Exists(files.SegmentsDb));
        Assert.Equal(files.Directory, store.OpenForReading(key).Directory);
        Assert.NotEqual(0, store.ChangeStamp(key));
        Assert.Equal(Path.Combine(f.Root, ".pangy", "cache"), store.CacheDirectory);
        Assert.Equal(f.Root, store.Location);
    }

    [Fact]
    public void Annotation_sets_are_found_by_the_escaped_reference_newest_first()
    {
        IReadableDatastore store = f.Store;
        var sets = store.AnnotationSets(TestData.Drb1Ref);
        Assert.Equal(["genes"], sets.Select(s => Path.GetFileName(s.Directory)));
        Assert.True(File.Exists(sets[0].Database));
        Assert.Empty(store.AnnotationSets("no-such-reference"));
        Assert.Empty(store.AnnotationSets(""));
    }
}
