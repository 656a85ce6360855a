using System.Globalization;
using Pangy.Core.Pipeline;

namespace Pangy.Pipeline.Tests;

/// <summary>The folder status store's conditional writes: ETags, no lost updates, and the lock file other processes take.</summary>
public sealed class LocalStatusStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public async Task A_write_succeeds_only_against_the_current_etag()
    {
        var store = new LocalStatusStore(_dir.Root);
        string? first = await store.TryWriteAsync("drb1/DRB1", "{\"n\":1}", ifMatch: null);
        Assert.NotNull(first);
        Assert.Null(await store.TryWriteAsync("drb1/DRB1", "{\"n\":2}", ifMatch: null));
        string? second = await store.TryWriteAsync("drb1/DRB1", "{\"n\":2}", first);
        Assert.NotNull(second);
        Assert.Null(await store.TryWriteAsync("drb1/DRB1", "{\"n\":3}", first));
        var read = await store.ReadAsync("drb1/DRB1");
        Assert.Equal("{\"n\":2}", read!.Json);
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task Concurrent_read_modify_write_loses_no_update()
    {
        const int writers = 8, each = 25;
        var stores = Enumerable.Range(0, writers).Select(_ => new LocalStatusStore(_dir.Root)).ToArray();
        await Task.WhenAll(stores.Select(store => Task.Run(async () =>
        {
            for (int i = 0; i < each; i++)
                while (true)
                {
                    var current = await store.ReadAsync("count");
                    int n = current is null ? 0 : int.Parse(current.Json, CultureInfo.InvariantCulture);
                    if (await store.TryWriteAsync("count", (n + 1).ToString(CultureInfo.InvariantCulture), current?.ETag) is not null) break;
                }
        })));
        Assert.Equal((writers * each).ToString(CultureInfo.InvariantCulture), (await stores[0].ReadAsync("count"))!.Json);
    }

    [Fact]
    public async Task A_write_waits_while_another_process_holds_the_lock_file()
    {
        var store = new LocalStatusStore(_dir.Root);
        await store.TryWriteAsync("k", "1", null);
        string lockPath = Directory.GetFiles(_dir.Root, "*.lock").Single();
        // What another process's write holds: the lock file opened exclusively (flock on Unix).
        var held = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var current = await store.ReadAsync("k");
        var write = store.TryWriteAsync("k", "2", current!.ETag);
        await Task.Delay(300);
        Assert.False(write.IsCompleted);
        Assert.Equal("1", (await store.ReadAsync("k"))!.Json);
        held.Dispose();
        Assert.NotNull(await write.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("2", (await store.ReadAsync("k"))!.Json);
    }

    [Fact]
    public async Task A_cancelled_wait_for_the_lock_throws_and_writes_nothing()
    {
        var store = new LocalStatusStore(_dir.Root);
        await store.TryWriteAsync("k", "1", null);
        using var held = new FileStream(Directory.GetFiles(_dir.Root, "*.lock").Single(), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var current = await store.ReadAsync("k");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TryWriteAsync("k", "2", current!.ETag, cancel.Token));
        Assert.Equal("1", (await store.ReadAsync("k"))!.Json);
    }

    public void Dispose() => _dir.Dispose();
}
