namespace Pangy.Core.Build;

/// <summary>
/// A chromosome build whose every output but <c>links.db</c> is written (<see cref="ChromosomeBuilder.StartAsync"/>):
/// the rows of <c>links.db</c> wait in a scratch file in the chromosome directory until <see cref="WriteLinksDatabase"/>
/// loads them, so that the stages that do not read <c>links.db</c> (bubbles, path blocks, skeleton) need not wait,
/// and the load can run beside them on the other core. Dispose deletes the scratch file.
/// </summary>
public sealed class StartedChromosomeBuild : IDisposable
{
    private readonly SpilledLinkRows _links;
    private readonly string _linksDb;
    private readonly Action<TimeSpan> _written;

    internal StartedChromosomeBuild(ChromosomeBuildResult result, SpilledLinkRows links, string linksDb, Action<TimeSpan> written)
    {
        Result = result;
        _links = links;
        _linksDb = linksDb;
        _written = written;
    }

    /// <summary>What the build produced; its <see cref="ChromosomeBuildResult.Timings"/> gain the <c>links.db</c> step
    /// when <see cref="WriteLinksDatabase"/> returns.</summary>
    public ChromosomeBuildResult Result { get; }

    /// <summary>Writes <c>links.db</c> and deletes the scratch file.</summary>
    public void WriteLinksDatabase(CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _links.WriteDatabase(_linksDb, cancellationToken);
        _links.Dispose();
        _written(clock.Elapsed);
    }

    public void Dispose() => _links.Dispose();
}
