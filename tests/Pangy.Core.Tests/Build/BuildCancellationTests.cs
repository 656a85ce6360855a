using Pangy.Core.Build;
using Pangy.Core.Datastore;
using Pangy.Core.Formats.Gfa;
using Pangy.Core.Formats.PathIndex;

namespace Pangy.Core.Tests.Build;

/// <summary>The chromosome build's writers stop on a cancelled token instead of finishing their loops.</summary>
public sealed class BuildCancellationTests
{
    [Fact]
    public async Task The_segments_db_writer_stops_between_batches()
    {
        using var tmp = new TempDir();
        using var cts = new CancellationTokenSource();
        using var table = new SegmentTable(tmp["segments.db"], 10_000, cts.Token);
        cts.Cancel();
        // More than one batch, so rows reach the writer while the parser goes on. The cancellation surfaces in an Add
        // (shipping a batch to a writer that has stopped) or in CompleteAsync, whichever comes first: both are right.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            for (int id = 1; id <= 10_000; id++) table.Add(id, id, "ACGT"u8, 4, 2, 0, id, 0, id + 1, 0);
            await table.CompleteAsync(null);
        });
    }

    [Fact]
    public void The_path_index_stops_between_samples()
    {
        using var tmp = new TempDir();
        var paths = new PathSet(tmp["paths"], 1);
        var (_, writer) = paths.Begin(GfaPathName.FromPLine("s1#1#chr1", '#'), PathStart.Of(0), isRef: true);
        paths.Completed(writer);
        Assert.ThrowsAny<OperationCanceledException>(() => paths.WriteIndexes(new CancellationToken(canceled: true)));
        Assert.False(File.Exists(Path.Combine(tmp["paths"], ChromosomeLayout.PathIndexName)));
    }
}
