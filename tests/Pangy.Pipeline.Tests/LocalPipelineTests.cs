using Pangy.Core.Annotations;
using Pangy.Core.Pipeline;
using Pangy.Core.Synth;

namespace Pangy.Pipeline.Tests;

/// <summary>The Core handlers over local parts: the same flow the Function apps and <c>pangy up</c> run.</summary>
public class LocalPipelineTests(ReferenceBuild reference) : IClassFixture<ReferenceBuild>
{
    private static async Task<List<string>> UploadDrb1Async(LocalPipeline p) =>
    [
        await p.UploadTextAsync("drb1/dataset.json", TestFiles.Drb1Manifest),
        await p.UploadAsync("drb1/DRB1.gfa", TestFiles.Drb1Gfa),
        await p.UploadAsync("drb1/DRB1.lay.tsv", TestFiles.Drb1Layout),
        await p.UploadAsync("annotations/gi|568815592/drb1.gff3", TestFiles.Drb1Gff3),
    ];

    [Fact]
    public async Task Drb1_uploads_become_ready_and_byte_identical_to_pangy_add_and_annotate()
    {
        await using var p = new LocalPipeline();
        foreach (var e in await UploadDrb1Async(p)) await p.PostAsync(e);
        await p.IdleAsync();

        var c = await p.ChromosomeAsync("drb1", "DRB1");
        Assert.Equal(ChromosomeState.Ready, c.State);
        Assert.Null(c.Error);
        Assert.Equal(1, c.Builds);
        Assert.Equal(new ChromosomeCounts(3214, 4380, 12, 874), c.Counts);
        ArtifactTree.AssertIdentical(reference.Drb1Dir, p.Datastore.ChromosomeDirectory(new("drb1", "DRB1")), minFiles: 20);
        ArtifactTree.AssertIdentical(reference.AnnotationsDir, AnnotationCatalog.SetDirectory(p.Datastore.Root, TestFiles.Drb1Ref, "drb1"));
        var sets = await p.Status.ReadAnnotationsAsync();
        Assert.Equal(ChromosomeState.Ready, Assert.Single(sets.Sets).State);
        // Nothing left behind in staging, nothing in a poison queue.
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(p.Datastore.Root, ".pangy", "staging")));
        foreach (var q in PipelineNames.Queues) Assert.Equal(0, await p.Queues.Get(PipelineNames.PoisonQueue(q)).CountAsync());
    }

    [Fact]
    public async Task Every_event_twice_and_out_of_order_builds_each_chromosome_once()
    {
        await using var p = new LocalPipeline(workers: 2);
        var events = await UploadDrb1Async(p);
        // Reversed (the manifest arrives last) and each twice, the duplicates interleaved.
        events.Reverse();
        foreach (var e in events.Concat(events)) await p.PostAsync(e);
        await p.IdleAsync();

        var c = await p.ChromosomeAsync("drb1", "DRB1");
        Assert.Equal(ChromosomeState.Ready, c.State);
        Assert.Equal(1, c.Builds);
        lock (p.Events)
        {
            Assert.Single(p.Events, e => e.Unit == "drb1/DRB1" && e.Step == ChromosomeState.Built);
            Assert.Single(p.Events, e => e.Unit == "drb1/DRB1" && e.Step == ChromosomeState.Ready);
        }
        ArtifactTree.AssertIdentical(reference.Drb1Dir, p.Datastore.ChromosomeDirectory(new("drb1", "DRB1")), minFiles: 20);

        // A replay of an old event (earlier sequencer) after everything is done changes nothing.
        await p.PostAsync(events[^1]);
        await p.IdleAsync();
        Assert.Equal(1, (await p.ChromosomeAsync("drb1", "DRB1")).Builds);
    }

    [Fact]
    public async Task A_broken_gfa_fails_with_its_line_publishes_nothing_and_the_earlier_build_stays_served()
    {
        await using var p = new LocalPipeline();
        foreach (var e in await UploadDrb1Async(p)) await p.PostAsync(e);
        await p.IdleAsync();
        string dir = p.Datastore.ChromosomeDirectory(new("drb1", "DRB1"));
        var before = ArtifactTree.Read(dir);

        // Line 3 of the new GFA is a link to a segment that does not exist... and the file breaks off there.
        var lines = File.ReadLines(TestFiles.Drb1Gfa).Take(2).Append("L\t1\t+\tX\t").ToList();
        string broken = Path.Combine(p.Uploads.Root, "..", "broken.gfa");
        File.WriteAllLines(broken, lines);
        await p.PostAsync(await p.UploadAsync("drb1/DRB1.gfa", broken));
        await p.IdleAsync();

        var c = await p.ChromosomeAsync("drb1", "DRB1");
        Assert.Equal(ChromosomeState.Failed, c.State);
        Assert.NotNull(c.Error);
        Assert.Equal("drb1/DRB1.gfa", c.Error!.File);
        Assert.NotNull(c.Error.Line);
        Assert.False(string.IsNullOrEmpty(c.Error.Reason));
        Assert.Equal(1, c.Builds);
        // Bad input is not retried, and nothing reaches a poison queue.
        Assert.Equal(0, await p.Queues.Get(PipelineNames.PoisonQueue(PipelineNames.BuildsQueue)).CountAsync());
        var after = ArtifactTree.Read(dir);
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(after[kv.Key])));
    }

    [Fact]
    public async Task An_upload_that_fits_no_rule_is_reported_in_the_status()
    {
        await using var p = new LocalPipeline();
        await p.PostAsync(await p.UploadTextAsync("drb1/notes.txt", "hello"));
        await p.PostAsync(await p.UploadTextAsync("drb1/dataset.json", "{\"path\": \"x\"}"));
        await p.IdleAsync();
        var doc = (await p.Status.ReadDatasetAsync("drb1"))!;
        Assert.Contains("fits no upload rule", doc.Uploads.Single(u => u.Name == "drb1/notes.txt").Problem);
        Assert.Contains("'ref'", doc.Uploads.Single(u => u.Name == "drb1/dataset.json").Problem);
    }

    [Fact]
    public async Task Two_synthetic_chromosomes_build_concurrently_on_two_workers()
    {
        await using var p = new LocalPipeline(workers: 2);
        using var tmp = new TempDir();
        foreach (string chrom in new[] { "chrA", "chrB" })
            SyntheticGraphGenerator.GenerateFiles(new SynthOptions { RefBp = 200_000, Haplotypes = 6, Chrom = chrom }, tmp[chrom]);
        await p.PostAsync(await p.UploadTextAsync("synth/dataset.json", "{\"ref\": \"GRCh38\"}"));
        foreach (string chrom in new[] { "chrA", "chrB" })
        {
            await p.PostAsync(await p.UploadAsync($"synth/{chrom}.gfa", tmp[chrom] + ".gfa"));
            await p.PostAsync(await p.UploadAsync($"synth/{chrom}.lay.tsv", tmp[chrom] + ".lay.tsv"));
        }
        await p.IdleAsync();
        foreach (string chrom in new[] { "chrA", "chrB" })
        {
            var c = await p.ChromosomeAsync("synth", chrom);
            Assert.Equal(ChromosomeState.Ready, c.State);
            Assert.Equal(1, c.Builds);
        }
        // Both builds ran at the same time: one started before the other was built.
        List<PipelineEvent> events;
        lock (p.Events) events = [.. p.Events];
        int firstBuilt = events.FindIndex(e => e.Step == ChromosomeState.Built);
        Assert.Equal(2, events.Take(firstBuilt).Where(e => e.Step == "claimed").Select(e => e.Unit).Distinct().Count());
    }

    [Fact]
    public async Task A_message_that_keeps_failing_ends_failed_with_its_reason_after_max_dequeue_count()
    {
        await using var p = new LocalPipeline();
        // Staging cannot be created (a file stands where its folder should be): every attempt fails the same way.
        Directory.CreateDirectory(Path.Combine(p.Datastore.Root, ".pangy"));
        File.WriteAllText(Path.Combine(p.Datastore.Root, ".pangy", "staging"), "in the way");
        foreach (var e in await UploadDrb1Async(p)) await p.PostAsync(e);
        await p.IdleAsync();

        var c = await p.ChromosomeAsync("drb1", "DRB1");
        Assert.Equal(ChromosomeState.Failed, c.State);
        Assert.Contains("IOException", c.Error!.Reason);
        Assert.Equal(0, c.Builds);
        var builds = p.Runner.Dispatchers.Single(d => d.Queue.Name == PipelineNames.BuildsQueue);
        Assert.Equal(PipelineNames.MaxDequeueCount, builds.Failures);
        Assert.Equal(1, await p.Queues.Get(PipelineNames.PoisonQueue(PipelineNames.BuildsQueue)).CountAsync());
        lock (p.Events) Assert.Equal(PipelineNames.MaxDequeueCount - 1, p.Events.Count(e => e.Unit == "drb1/DRB1" && e.Step == "retry"));
    }
}
