namespace Pangy.Core.Pipeline;

/// <summary>The queue-trigger settings the dispatcher plays (host.json <c>extensions.queues</c>, with the host's meaning).</summary>
public sealed record QueueDispatcherOptions
{
    /// <summary>Messages handled at once (the host's <c>batchSize</c> per instance; here, concurrent workers).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Attempts before a message moves to <c>{queue}-poison</c> (<c>maxDequeueCount</c>).</summary>
    public int MaxDequeueCount { get; init; } = PipelineNames.MaxDequeueCount;

    /// <summary>How long a failed message stays invisible before its next attempt (<c>visibilityTimeout</c>).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a running message is kept invisible, renewed at half of it (the host's 10 minutes).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest wait between polls of an empty queue (<c>maxPollingInterval</c>); polls back off to it from 50 ms.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromSeconds(1);
}
