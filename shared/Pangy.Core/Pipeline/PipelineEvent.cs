namespace Pangy.Core.Pipeline;

/// <summary>Something a handler did, for progress displays and logs: which unit (<c>drb1/DRB1</c>), which step, and a detail.</summary>
public sealed record PipelineEvent(string Unit, string Step, string Detail);
