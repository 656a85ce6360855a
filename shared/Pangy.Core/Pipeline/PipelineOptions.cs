namespace Pangy.Core.Pipeline;

/// <summary>How the handlers pace their claims and retries.</summary>
public sealed record PipelineOptions
{
    /// <summary>The attempts a message gets (host.json <c>maxDequeueCount</c>); the last one records <c>failed</c>.</summary>
    public int MaxDequeueCount { get; init; } = PipelineNames.MaxDequeueCount;

    /// <summary>How long a build claim lasts without renewal; a crashed worker's claim stops others this long at most.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the rename into place may take before another worker may publish.</summary>
    public TimeSpan PublishLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When another worker holds the claim, the message is sent again this much later (and the current one
    /// completed), so a duplicate neither builds twice nor uses up its attempts while the first build runs.
    /// </summary>
    public TimeSpan DeferDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Names this process in claims (machine and process id; each invocation adds its own id).</summary>
    public string Worker { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}";
}
