using Pangy.Core.Skeleton;

namespace Pangy.Core.Tests.Skeleton;

/// <summary>The skeleton's long loops over segments and links stop on a cancelled token.</summary>
public sealed class SkeletonCancellationTests(Drb1SkeletonFixture f) : IClassFixture<Drb1SkeletonFixture>
{
    private static CancellationToken Cancelled() => new(canceled: true);

    [Fact]
    public void Opening_the_graph_stops_in_the_link_check()
    {
        Assert.ThrowsAny<OperationCanceledException>(() => SkeletonGraph.Open(f.Dir, Cancelled()));
    }

    [Fact]
    public void The_graph_metadata_stops_in_its_loops()
    {
        using var graph = SkeletonGraph.Open(f.Dir);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            GraphMetaWriter.Compute(graph, (null, null), "DRB1", f.Dir, Cancelled()));
        // With a live token it computes as before.
        Assert.Equal(graph.SegmentCount, GraphMetaWriter.Compute(graph, (null, null), "DRB1", f.Dir).TotalSegments);
    }
}
