namespace Pangy.Core.Formats.Compression;

/// <summary>zlib's flush modes as <see cref="RawDeflater.Write"/> uses them.</summary>
public enum DeflateFlush
{
    /// <summary>Keep input buffered: output only when blocks fill.</summary>
    None = 0,
    /// <summary>End the data so far byte-aligned (an empty stored block); later data may still refer back to it.</summary>
    Sync = 2,
    /// <summary>As <see cref="Sync"/>, and drop the history: later data never refers back past this point.</summary>
    Full = 3,
    /// <summary>End the stream: what is pending, then a final block.</summary>
    Finish = 4,
}
