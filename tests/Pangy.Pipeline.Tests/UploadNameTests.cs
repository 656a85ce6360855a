using Pangy.Core.Formats;
using Pangy.Core.Pipeline;

namespace Pangy.Pipeline.Tests;

public class UploadNameTests
{
    [Theory]
    [InlineData("drb1/dataset.json", UploadKind.DatasetManifest, "drb1", null)]
    [InlineData("drb1/DRB1.gfa", UploadKind.Gfa, "drb1", "DRB1")]
    [InlineData("lab/chr1.gfa.gz", UploadKind.Gfa, "lab", "chr1")]
    [InlineData("lab/chr1.lay.tsv", UploadKind.Layout, "lab", "chr1")]
    [InlineData("lab/chr1.lay.tsv.gz", UploadKind.Layout, "lab", "chr1")]
    [InlineData("lab/chr1.lay", UploadKind.Layout, "lab", "chr1")]
    [InlineData("lab/chr1.layout", UploadKind.Layout, "lab", "chr1")]
    [InlineData("lab/chr1.bubblegun.json", UploadKind.BubbleGun, "lab", "chr1")]
    public void Contract_names_are_classified(string name, UploadKind kind, string dataset, string? chromosome)
    {
        var u = UploadName.Classify(name);
        Assert.Equal((kind, dataset, chromosome, (string?)null), (u.Kind, u.Dataset, u.Chromosome, u.Problem));
    }

    [Fact]
    public void Annotation_sets_name_their_reference_and_set()
    {
        var u = UploadName.Classify("annotations/gi|568815592/gencode.gff3.gz");
        Assert.Equal((UploadKind.Annotations, "gi|568815592", "gencode"), (u.Kind, u.Reference, u.SetName));
    }

    [Theory]
    [InlineData("notes.txt", null)]
    [InlineData("lab/notes.txt", "lab")]
    [InlineData("lab/sub/chr1.gfa", "lab")]
    [InlineData(".hidden/chr1.gfa", null)]
    [InlineData("lab/.gfa", "lab")]
    [InlineData("annotations/ref/set.gtf", null)]
    public void Anything_else_is_a_reported_problem(string name, string? dataset)
    {
        var u = UploadName.Classify(name);
        Assert.Equal(UploadKind.Unknown, u.Kind);
        Assert.Equal(dataset, u.Dataset);
        Assert.False(string.IsNullOrEmpty(u.Problem));
    }

    [Fact]
    public void A_manifest_needs_a_ref_and_knows_its_keys()
    {
        var m = DatasetManifest.Parse("{\"ref\": \"GRCh38\", \"sep\": \"#\", \"offset\": 5, \"path\": \"GRCh38#0\", \"annotations\": \"gencode\"}"u8, "d/dataset.json");
        Assert.Equal(new DatasetManifest("GRCh38", "GRCh38#0", '#', 5, "gencode"), m);
        Assert.Contains("'ref'", Assert.Throws<BadInputException>(() => DatasetManifest.Parse("{}"u8, "d/dataset.json")).Reason);
        Assert.Contains("unknown key 'reference'", Assert.Throws<BadInputException>(() => DatasetManifest.Parse("{\"ref\": \"x\", \"reference\": 1}"u8, "d/dataset.json")).Reason);
        Assert.Equal(2, Assert.Throws<BadInputException>(() => DatasetManifest.Parse("{\n\"ref\": }"u8, "d/dataset.json")).Line);
        var withAssembly = DatasetManifest.Parse("{\"ref\": \"GRCh38\", \"assembly\": \"hg38.p12\"}"u8, "d/dataset.json");
        Assert.Equal("hg38.p12", withAssembly.Assembly);
        Assert.Equal("hg38.p12", withAssembly.BuildOptions().Assembly);
        Assert.Null(m.BuildOptions().Assembly);
        Assert.Contains("'assembly' must name an assembly", Assert.Throws<BadInputException>(() => DatasetManifest.Parse("{\"ref\": \"x\", \"assembly\": \"../hg38\"}"u8, "d/dataset.json")).Reason);
    }

    [Fact]
    public void Event_grid_events_parse_and_the_notifier_writes_the_same_schema()
    {
        string json = BlobCreatedEvent.Create("acct", "uploads", "drb1/DRB1.gfa", "https://acct.blob.core.windows.net/uploads/drb1/DRB1.gfa",
            "0x8DB1", 42, BlobCreatedEvent.LocalSequencer(7), DateTimeOffset.UnixEpoch);
        var e = Assert.Single(BlobCreatedEvent.ParseMany(json));
        Assert.Equal(("uploads", "drb1/DRB1.gfa", "0x8DB1", 42L), (e.Container, e.BlobName, e.ETag, e.ContentLength));
        Assert.Equal(2, BlobCreatedEvent.ParseMany($"[{json},{json}]").Count);
        Assert.True(BlobCreatedEvent.IsAfter(BlobCreatedEvent.LocalSequencer(8), e.Sequencer));
        Assert.False(BlobCreatedEvent.IsAfter(e.Sequencer, e.Sequencer));
        Assert.Throws<BadInputException>(() => BlobCreatedEvent.ParseMany(json.Replace("BlobCreated", "BlobDeleted")));
    }
}
