using Pangy.Core.Query;

namespace Pangy.Core.Tests.Query;

/// <summary>The export selection of the read model, called directly: it resolves and it stops when cancelled.</summary>
[Collection(Drb1DatastoreCollection.Name)]
public sealed class ExportQueriesTests(Drb1DatastoreFixture f)
{
    [Fact]
    public void A_selection_of_segments_resolves_to_their_rows_links_and_path_runs()
    {
        using var q = new QueryDatastore(f.Store);
        using var lease = q.Open("drb1", "DRB1");
        var g = ExportQueries.Resolve(lease.Reader, TestData.Drb1Ref, [], [11, 12, 13, 14, 15, 16, 17]);
        Assert.NotNull(g);
        Assert.Equal([11, 12, 13, 14, 15, 16, 17], g.Segments.Select(s => s.Id));
        Assert.Equal(Enumerable.Range(1, 7), g.Segments.Select(s => g.IdMap[s.Id]));
        Assert.NotEmpty(g.Links);
        Assert.All(g.Links, l => Assert.InRange((int)lease.Reader.Links.From(l), 11, 17));
        Assert.NotEmpty(g.Paths);
    }

    [Fact]
    public void A_cancelled_request_stops_resolving()
    {
        using var q = new QueryDatastore(f.Store);
        using var lease = q.Open("drb1", "DRB1");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ExportQueries.Resolve(lease.Reader, TestData.Drb1Ref, [1, 2, 3], [11, 12], cts.Token));
    }
}
