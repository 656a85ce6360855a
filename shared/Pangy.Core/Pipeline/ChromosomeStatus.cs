namespace Pangy.Core.Pipeline;

/// <summary>
/// One chromosome's record in its dataset's status document: its latest inputs, the key of the build they ask for
/// (<see cref="Wanted"/>), what is published (<see cref="Published"/>, <see cref="Skeleton"/>), the claims of the
/// worker building or publishing it, and what the user sees (state, timings, counts, error).
/// </summary>
public sealed class ChromosomeStatus
{
    public required string Chromosome { get; set; }
    public string State { get; set; } = ChromosomeState.Waiting;
    public DateTimeOffset Updated { get; set; }

    /// <summary>The latest version of each input, as uploads arrive (the manifest is the dataset's).</summary>
    public InputRef? Gfa { get; set; }
    public InputRef? Layout { get; set; }
    public InputRef? BubbleGun { get; set; }

    /// <summary>The inputs of the build now wanted (null until GFA, layout and manifest are all present).</summary>
    public ChromosomeInputs? Inputs { get; set; }

    /// <summary>Key of <see cref="Inputs"/>: a build of other inputs is superseded.</summary>
    public string? Wanted { get; set; }

    /// <summary>Key of the inputs whose graph is published.</summary>
    public string? Published { get; set; }

    /// <summary>Key of the inputs whose skeleton is published.</summary>
    public string? Skeleton { get; set; }

    /// <summary>The worker building the graph of <see cref="Wanted"/>.</summary>
    public WorkClaim? Claim { get; set; }

    /// <summary>The worker drawing the skeleton of <see cref="Published"/>.</summary>
    public WorkClaim? SkeletonClaim { get; set; }

    /// <summary>The worker renaming its build into place (short; serializes publishes).</summary>
    public WorkClaim? Publishing { get; set; }

    /// <summary>How many times the graph was published (each distinct set of inputs once).</summary>
    public int Builds { get; set; }

    public double? BuildSeconds { get; set; }
    public double? SkeletonSeconds { get; set; }
    public ChromosomeCounts? Counts { get; set; }
    public StatusError? Error { get; set; }
}
