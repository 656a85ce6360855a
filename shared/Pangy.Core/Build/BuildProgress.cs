namespace Pangy.Core.Build;

/// <summary>Progress of a long build step: a phase name and, where known, how far it is.</summary>
public readonly record struct BuildProgress(string Phase, long Done, long Total);
