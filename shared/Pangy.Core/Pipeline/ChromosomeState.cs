namespace Pangy.Core.Pipeline;

/// <summary>How far one chromosome has got, as the status route reports it.</summary>
public static class ChromosomeState
{
    /// <summary>Its inputs are complete and a build message is on its way.</summary>
    public const string Queued = "queued";

    /// <summary>A worker has claimed the build.</summary>
    public const string Building = "building";

    /// <summary>The graph, bubbles and path blocks are published; the skeleton is pending.</summary>
    public const string Built = "built";

    /// <summary>Everything is published.</summary>
    public const string Ready = "ready";

    /// <summary>The build of the current inputs failed; <c>error</c> says why. An earlier build may still be served.</summary>
    public const string Failed = "failed";

    /// <summary>Some of its inputs are uploaded, not all (GFA, layout, <c>dataset.json</c>).</summary>
    public const string Waiting = "waiting";
}
