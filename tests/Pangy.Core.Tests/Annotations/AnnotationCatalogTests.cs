using Pangy.Core.Annotations;
using Pangy.Core.Formats;
using static Pangy.Core.Tests.Annotations.AnnotationTestFiles;

namespace Pangy.Core.Tests.Annotations;

/// <summary>Annotation sets in a datastore: <c>annotations/{ref}/{name}/</c>, staged and published whole.</summary>
public class AnnotationCatalogTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private string Root => _tmp["store"];

    public void Dispose() => _tmp.Dispose();

    private Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    private void AssertStagingEmpty()
    {
        string staging = Path.Combine(Root, ".pangy", "staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0);
    }

    [Fact]
    public void Add_publishes_the_set_where_the_reference_puts_it()
    {
        var r = AnnotationCatalog.Add(Root, "GRCh38", "gencode48", Drb1, replace: false);
        string dir = Path.Combine(Path.GetFullPath(Root), "annotations", "GRCh38", "gencode48");
        Assert.Equal(dir, r.Directory);
        Assert.Equal(16, r.Import.Rows);
        Assert.Equal([AnnotationSchema.DatabaseFileName, AnnotationSchema.QuickIndexFileName], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        Assert.True(AnnotationCatalog.Exists(Root, "GRCh38", "gencode48"));
        Assert.Equal(dir, AnnotationCatalog.Find(Root, "GRCh38"));
        using var index = AnnotationCatalog.Open(Root, "GRCh38")!;
        Assert.Equal(["HLA-DRB1"], index.Search("drb").Select(g => g.GeneName));
        AssertStagingEmpty();
    }

    [Fact]
    public void Find_picks_the_named_set_or_else_the_newest()
    {
        AnnotationCatalog.Add(Root, "GRCh38", "old", Drb1, false);
        AnnotationCatalog.Add(Root, "GRCh38", "new", Gencode, false);
        string oldDir = AnnotationCatalog.SetDirectory(Root, "GRCh38", "old"), newDir = AnnotationCatalog.SetDirectory(Root, "GRCh38", "new");
        Directory.SetLastWriteTimeUtc(oldDir, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Directory.SetLastWriteTimeUtc(newDir, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(newDir, AnnotationCatalog.Find(Root, "GRCh38"));
        Assert.Equal(["new", "old"], AnnotationCatalog.Names(Root, "GRCh38"));
        Directory.SetLastWriteTimeUtc(oldDir, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(oldDir, AnnotationCatalog.Find(Root, "GRCh38"));
        Assert.Equal(newDir, AnnotationCatalog.Find(Root, "GRCh38", "new"));
        // Folders that are not annotation sets are not candidates.
        Directory.CreateDirectory(Path.Combine(Root, "annotations", "GRCh38", "empty"));
        Directory.CreateDirectory(Path.Combine(Root, "annotations", "GRCh38", ".hidden"));
        Assert.Equal(["old", "new"], AnnotationCatalog.Names(Root, "GRCh38"));
        Assert.Null(AnnotationCatalog.Find(Root, "GRCh38", "empty"));
    }

    [Theory]
    [InlineData("GRCh38", "missing")]
    [InlineData("CHM13", null)]
    [InlineData("..", null)]
    [InlineData("GRCh38", "../GRCh38/old")]
    [InlineData("GRCh38", "..")]
    [InlineData("gi|568815592", null)]
    [InlineData("", null)]
    [InlineData("../annotations/GRCh38", null)]
    public void Find_answers_null_for_anything_not_held(string reference, string? name)
    {
        AnnotationCatalog.Add(Root, "GRCh38", "old", Drb1, false);
        Assert.Null(AnnotationCatalog.Find(Root, reference, name));
        Assert.Null(AnnotationCatalog.Open(Root, reference, name));
    }

    [Theory]
    [InlineData("", "set")]
    [InlineData("GRCh38", "a/b")]
    [InlineData("GRCh38", ".hidden")]
    [InlineData("GRCh38", "..")]
    public void Invalid_names_are_refused_before_any_file_is_touched(string reference, string name)
    {
        Assert.Throws<ArgumentException>(() => AnnotationCatalog.Add(Root, reference, name, Drb1, false));
        Assert.False(Directory.Exists(Root));
    }

    [Theory]
    [InlineData("gi|568815592", "gi|568815592")]
    [InlineData("../x", "..%2Fx")]
    [InlineData("a/b:c", "a%2Fb%3Ac")]
    public void Reference_names_are_escaped_into_one_folder_never_refused(string reference, string folder)
    {
        var r = AnnotationCatalog.Add(Root, reference, "set", Drb1, false);
        Assert.Equal(Path.Combine(Root, "annotations", folder, "set"), r.Directory);
        Assert.Equal(r.Directory, AnnotationCatalog.Find(Root, reference));
        Assert.Equal([folder], Directory.GetDirectories(Path.Combine(Root, "annotations")).Select(Path.GetFileName));
    }

    [Fact]
    public void An_existing_set_is_an_error_without_replace_before_any_work()
    {
        AnnotationCatalog.Add(Root, "GRCh38", "g", Drb1, false);
        var before = Snapshot(AnnotationCatalog.SetDirectory(Root, "GRCh38", "g"));
        // Even a missing input is not looked at: the answer is already known.
        var e = Assert.Throws<AnnotationSetExistsException>(() => AnnotationCatalog.Add(Root, "GRCh38", "g", _tmp["nope.gff3"], false));
        Assert.Equal("annotation set 'g' of reference 'GRCh38' already exists; use --force to replace it", e.Message);
        Assert.Equal(before, Snapshot(AnnotationCatalog.SetDirectory(Root, "GRCh38", "g")));
    }

    [Fact]
    public void Replace_swaps_in_the_new_set()
    {
        AnnotationCatalog.Add(Root, "GRCh38", "g", Drb1, false);
        var r = AnnotationCatalog.Add(Root, "GRCh38", "g", Gencode, replace: true);
        Assert.Equal(238, r.Import.Rows);
        using var index = AnnotationIndex.Open(r.Directory);
        Assert.Equal(["INO80B", "INO80B-WBP1", "MOGS", "WBP1"], index.GeneNames);
        AssertStagingEmpty();
        Assert.Equal(["g"], Directory.GetDirectories(Path.Combine(Root, "annotations", "GRCh38")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_replace_leaves_the_earlier_set_intact()
    {
        AnnotationCatalog.Add(Root, "GRCh38", "g", Drb1, false);
        string dir = AnnotationCatalog.SetDirectory(Root, "GRCh38", "g");
        var before = Snapshot(dir);
        string bad = _tmp.Write("bad.gff3", File.ReadAllText(Gencode) + "chr2\tS\tgene\t1\tten\t.\t+\t.\tID=x\n");
        var e = Assert.Throws<BadInputException>(() => AnnotationCatalog.Add(Root, "GRCh38", "g", bad, replace: true));
        Assert.Equal(File.ReadLines(Gencode).Count() + 1, e.Line);
        Assert.Equal(before, Snapshot(dir));
        AssertStagingEmpty();
    }

    [Fact]
    public void An_open_index_keeps_answering_while_its_set_is_replaced()
    {
        AnnotationCatalog.Add(Root, "GRCh38", "g", Drb1, false);
        using var old = AnnotationCatalog.Open(Root, "GRCh38", "g")!;
        Assert.Single(old.Search("drb"));
        AnnotationCatalog.Add(Root, "GRCh38", "g", Gencode, replace: true);
        // The old index answered and keeps answering from its (now unlinked) file; a new one sees the new set.
        Assert.Single(old.Search("drb"));
        using var fresh = AnnotationCatalog.Open(Root, "GRCh38", "g")!;
        Assert.Empty(fresh.Search("drb"));
    }
}
