using System.Text.Json;
using Pangy.Core.Build;
using Pangy.Core.Datastore;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Tests.Skeleton;

namespace Pangy.Core.Tests.Datastore;

/// <summary>
/// The layout description against what the stages really write on DRB1-3123: every index directory holds exactly the
/// described columns with the described dtypes and meta keys, and every file of the chromosome is a described one.
/// </summary>
public sealed class ChromosomeLayoutTests(Drb1SkeletonFixture f) : IClassFixture<Drb1SkeletonFixture>
{
    private static readonly IndexLayout[] Written =
        [SegmentIndexLayout.Index, LinkIndexLayout.Index, StepIndexLayout.Index, BubbleIndexLayout.Index, PolychainIndexLayout.Index];

    [Fact]
    public void The_index_directories_have_the_names_of_the_reference()
    {
        Assert.Equal(["segments.mmapindex", "links.mmapindex", "steps.mmapindex", "bubbles.mmapindex", "polychain.mmapindex"],
            Written.Select(i => i.DirectoryName));
        Assert.Equal("polychains.mmapindex", PolychainIndexLayout.ReferenceIndex.DirectoryName);
    }

    [Fact]
    public void Every_index_directory_holds_exactly_its_described_columns_with_their_dtypes()
    {
        var chromosome = new ChromosomeLayout(f.Dir);
        foreach (var index in Written)
        {
            string dir = chromosome.IndexDirectory(index);
            var files = Directory.GetFiles(dir).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();
            var described = index.Columns.Select(c => c.FileName).Append(IndexLayout.MetaFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(described, files);
            foreach (var column in index.Columns)
                Assert.Equal(column.DType, NpyHeader.Read(Path.Combine(dir, column.FileName)).Descr);
        }
    }

    [Fact]
    public void Every_meta_json_has_the_version_and_then_the_described_keys_in_order()
    {
        var chromosome = new ChromosomeLayout(f.Dir);
        foreach (var index in Written)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(chromosome.IndexMetaFile(index)));
            var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(["version", .. index.MetaKeys], keys);
            Assert.Equal(PangyVersion.Current, doc.RootElement.GetProperty("version").GetString());
        }
    }

    [Fact]
    public void Every_file_of_the_chromosome_is_a_described_one()
    {
        var chromosome = new ChromosomeLayout(f.Dir);
        var top = Directory.EnumerateFileSystemEntries(f.Dir).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();
        var described = new[]
        {
            ChromosomeLayout.SegmentsDbName, ChromosomeLayout.LinksDbName, ChromosomeLayout.StepIndexDbName, ChromosomeLayout.BubblesDbName,
            ChromosomeLayout.PathsDirectoryName, ChromosomeLayout.SkeletonDirectoryName, ChromosomeLayout.PolychainDataName,
            ChromosomeLayout.GraphMetaName,
        }.Concat(Written.Select(i => i.DirectoryName)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(described, top);

        Assert.Equal(
            [ChromosomeLayout.SkeletonMetaName, ChromosomeLayout.SkeletonPolylinesName, ChromosomeLayout.SpineName(TestData.Drb1Ref)],
            Directory.GetFiles(chromosome.SkeletonDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(chromosome.PathIndexFile));
        Assert.True(File.Exists(chromosome.SampleIndexFile));
        foreach (var file in Directory.GetFiles(chromosome.PathsDirectory, "*" + ChromosomeLayout.BinPathExtension))
            Assert.Matches(@"^.+__[0-9]+\.binpath$", Path.GetFileName(file));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(chromosome.IndexDirectory(PolychainIndexLayout.Index),
            PolychainIndexLayout.DecompositionDirectoryName)));
    }

    [Fact]
    public void Names_from_the_data_are_escaped_in_file_names()
    {
        Assert.Equal("spine-gi|568815592.json.gz", ChromosomeLayout.SpineName("gi|568815592"));
        Assert.Equal("spine-a%2Fb.json.gz", ChromosomeLayout.SpineName("a/b"));
        Assert.Equal("spine.a%2Fb.json.gz", ChromosomeLayout.ReferenceSpineName("a/b"));
        Assert.Equal("HG002%3A1__3.binpath", ChromosomeLayout.BinPathName("HG002:1", 3));
        Assert.Equal("s__1.binpath.blk", ChromosomeLayout.PathBlockName("s__1.binpath"));
        Assert.Equal("12.json.gz", PolychainIndexLayout.DecompositionName(12));
        Assert.Equal("a%2Fb", FileNames.Escape("a/b"));
    }

    [Fact]
    public void The_datastore_root_names_its_folders()
    {
        var root = new DatastoreLayout("/data/store");
        Assert.Equal(Path.Combine("/data/store", "graphs", "drb1", "DRB1"), root.Chromosome("drb1", "DRB1").Directory);
        Assert.Equal(Path.Combine("/data/store", "annotations", "gi|568815592", "genes"), root.AnnotationSet("gi|568815592", "genes").Directory);
        Assert.Equal(Path.Combine("/data/store", ".pangy", "staging"), root.StagingDirectory);
        Assert.Equal(Path.Combine("/data/store", ".pangy", "cache"), root.CacheDirectory);
        Assert.Equal(Path.Combine("/data/store", "annotations", "gi|568815592", "genes", "annotations.db"),
            root.AnnotationSet("gi|568815592", "genes").Database);
    }
}
