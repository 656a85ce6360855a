namespace Pangy.Core.Formats.AnnotationCfg;

/// <summary>
/// An annotation set's <c>.cfg</c> (GenomeKit's <c>gencode.v29.cfg</c>): <see cref="Refg"/> names the assembly it
/// annotates; other keys are kept as written.
/// </summary>
public sealed record AnnotationConfig(string Refg, IReadOnlyDictionary<string, string> Values);
