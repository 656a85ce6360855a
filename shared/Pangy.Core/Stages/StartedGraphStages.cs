using Pangy.Core.Build;

namespace Pangy.Core.Stages;

/// <summary>
/// The graph stages of a chromosome once its bubbles are found (<see cref="ChromosomeStages.StartGraphAsync"/>), while
/// the path blocks and <c>links.db</c> may still be being written into its directory on another thread.
/// </summary>
public sealed class StartedGraphStages : IAsyncDisposable
{
    private readonly Task _background;
    private readonly CancellationTokenSource _stop;
    private readonly StartedChromosomeBuild _build;

    internal StartedGraphStages(GraphStagesResult result, Task background, CancellationTokenSource stop, StartedChromosomeBuild build)
    {
        Result = result;
        _background = background;
        _stop = stop;
        _build = build;
    }

    /// <summary>The build's and the bubble stage's results and costs.</summary>
    public GraphStagesResult Result { get; }

    /// <summary>Completes when every file of the graph stages is written; faults with the background writer's error.</summary>
    public Task CompleteAsync() => _background;

    /// <summary>Stops the background writing if it is still under way, and waits until it has left the directory.</summary>
    public ValueTask DisposeAsync() => new(StopAsync(_stop, _background, _build));

    internal static async Task StopAsync(CancellationTokenSource stop, Task? background, StartedChromosomeBuild? build)
    {
        try
        {
            if (background is not null && !background.IsCompleted)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                // Its failure is of no interest once the caller gives up on it (the caller's own error, or a cancellation).
                try { await background.ConfigureAwait(false); } catch (Exception) { }
            }
        }
        finally
        {
            build?.Dispose();
            stop.Dispose();
        }
    }
}
