using Pangy.Core.Build;
using Pangy.Core.Formats;

namespace Pangy.Core.Tests.Build;

public class OrderedWorkerTests
{
    [Fact]
    public void Items_run_in_the_order_posted_and_buffers_come_back()
    {
        using var worker = new OrderedWorker("test", buffers: 2, bufferLength: 4);
        var seen = new List<long>();
        for (int i = 0; i < 100; i++)
        {
            var b = worker.Rent(); // blocks unless the worker hands buffers back
            b[0] = i;
            worker.Post(b, () => seen.Add(b[0]));
        }
        worker.Drain();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task Without_buffers_it_is_a_bounded_queue_run_in_order()
    {
        using var worker = new OrderedWorker("test", capacity: 1);
        var seen = new List<int>();
        using var gate = new ManualResetEventSlim();
        worker.Post(null, gate.Wait);
        worker.Post(null, () => seen.Add(0));
        // The queue is full (one waiting item): a further post waits until the worker takes one.
        var blocked = Task.Run(() => worker.Post(null, () => seen.Add(1)));
        Assert.NotSame(blocked, await Task.WhenAny(blocked, Task.Delay(100)));
        gate.Set();
        await blocked;
        for (int i = 2; i < 50; i++)
        {
            int item = i;
            worker.Post(null, () => seen.Add(item));
        }
        worker.Drain();
        Assert.Equal(Enumerable.Range(0, 50), seen);
    }

    [Fact]
    public void The_first_failure_stops_the_work_and_reaches_the_poster()
    {
        using var worker = new OrderedWorker("test", buffers: 2, bufferLength: 4);
        int ran = 0;
        worker.Post(null, () => ran++);
        worker.Post(null, () => throw new BadInputException("g.gfa", 7, "first"));
        worker.Post(worker.Rent(), () => throw new BadInputException("g.gfa", 9, "second"));
        var failure = worker.WaitIdle();
        Assert.NotNull(failure);
        Assert.Equal(7, ((BadInputException)failure.SourceException).Line);
        Assert.Equal(1, ran);
        // Later posts rethrow it, and skipped items still hand their buffers back.
        Assert.Equal(7, Assert.Throws<BadInputException>(() => worker.Post(null, () => ran++)).Line);
        worker.Rent();
        worker.Rent();
        Assert.Equal(7, Assert.Throws<BadInputException>(worker.Drain).Line);
    }
}
