using Pangy.Core.Storage;

namespace Pangy.Core.Pipeline;

/// <summary>What every handler works with: the uploads, the queues, the status, the datastore and the pacing.</summary>
public sealed class PipelineContext(IObjectStore uploads, IQueueProvider queues, StatusBook status, LocalDatastore datastore,
    PipelineOptions? options = null, IProgress<PipelineEvent>? progress = null)
{
    public IObjectStore Uploads { get; } = uploads;
    public IQueueProvider Queues { get; } = queues;
    public StatusBook Status { get; } = status;
    public LocalDatastore Datastore { get; } = datastore;
    public PipelineOptions Options { get; } = options ?? new PipelineOptions();
    public IProgress<PipelineEvent>? Progress { get; } = progress;

    /// <summary>A claim owner unique to one invocation.</summary>
    public string NewOwner() => $"{Options.Worker}/{Guid.NewGuid():N}";

    internal void Report(string unit, string step, string detail = "") => Progress?.Report(new PipelineEvent(unit, step, detail));

    /// <summary>Opens an input at exactly the version a message names.</summary>
    internal Build.InputFile Input(InputRef input) =>
        new(input.Name, ct => new ValueTask<Stream>(Uploads.OpenReadAsync(input.Name, input.ETag, ct)));
}
