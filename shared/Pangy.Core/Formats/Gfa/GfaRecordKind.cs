namespace Pangy.Core.Formats.Gfa;

/// <summary>The kind of a GFA line, decided once from its first byte (GFA 1.0/1.1 record types).</summary>
public enum GfaRecordKind : byte
{
    /// <summary>End of file.</summary>
    None = 0,
    Header,
    Segment,
    Link,
    Path,
    Walk,
    /// <summary>Any other record (C, J, E, comments, …), which Pangy ignores.</summary>
    Other,
}
