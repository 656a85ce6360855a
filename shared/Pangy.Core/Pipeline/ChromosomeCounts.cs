namespace Pangy.Core.Pipeline;

/// <summary>What a chromosome build produced, as the status reports it.</summary>
public sealed record ChromosomeCounts(int Segments, int Links, int Paths, int Bubbles);
