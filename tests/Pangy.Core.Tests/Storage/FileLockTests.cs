using Pangy.Core.Storage;

namespace Pangy.Core.Tests.Storage;

/// <summary>The one file lock: taken once, waited for, and the workspace lock that removes its file.</summary>
public sealed class FileLockTests
{
    [Fact]
    public async Task A_held_lock_is_refused_at_once_and_waited_for_until_released()
    {
        using var tmp = new TempDir();
        string path = tmp["locks/a.lock"];
        var held = await FileLock.AcquireAsync(path, CancellationToken.None);
        Assert.Null(FileLock.TryAcquire(path));
        var waiting = FileLock.AcquireAsync(path, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        held.Dispose();
        using (await waiting.WaitAsync(TimeSpan.FromSeconds(10))) { }
        // Left in place for the next waiter.
        Assert.True(File.Exists(path));
        using var again = FileLock.TryAcquire(path);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task Waiting_for_a_held_lock_stops_on_cancellation()
    {
        using var tmp = new TempDir();
        string path = tmp["b.lock"];
        using var held = FileLock.TryAcquire(path);
        Assert.NotNull(held);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FileLock.AcquireAsync(path, cts.Token));
    }

    [Fact]
    public void A_workspace_lock_is_exclusive_and_removes_its_file_on_release()
    {
        using var tmp = new TempDir();
        string path = tmp["w.lock"];
        Assert.Null(WorkspaceLock.Acquire(path, create: false));
        var owner = WorkspaceLock.Acquire(path);
        Assert.NotNull(owner);
        Assert.Null(WorkspaceLock.Acquire(path));
        owner.Dispose();
        Assert.False(File.Exists(path));
    }
}
