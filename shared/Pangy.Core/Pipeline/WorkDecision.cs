namespace Pangy.Core.Pipeline;

/// <summary>What a handler decided under its status write: do the work, skip it (and why), or come back later.</summary>
public enum WorkDecision
{
    /// <summary>Claimed: do the work.</summary>
    Go,

    /// <summary>Nothing to do: already done, or superseded by newer inputs.</summary>
    Skip,

    /// <summary>Another worker holds the claim: send the message again later.</summary>
    Defer,

    /// <summary>The graph is published and only its skeleton message may have been lost: send it again.</summary>
    SendSkeleton,
}
