using System.Text;

namespace Pangy.Core.Formats.Json;

/// <summary>
/// UTF-8 validation for small JSON documents read whole. System.Text.Json checks the structure of a document but a
/// string that is not UTF-8 only fails when it is read, with an InvalidOperationException that names no file or line;
/// checking the bytes first turns that into a <see cref="BadInputException"/> with the line (found by fuzzing).
/// </summary>
public static class Utf8Text
{
    /// <exception cref="BadInputException">The bytes are not UTF-8 (the line and byte offset of the first bad byte).</exception>
    public static void ThrowIfInvalid(ReadOnlySpan<byte> bytes, string name)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return;
        int at = 0;
        while (at < bytes.Length && Rune.DecodeFromUtf8(bytes[at..], out _, out int used) == System.Buffers.OperationStatus.Done) at += used;
        throw new BadInputException(name, bytes[..at].Count((byte)'\n') + 1, $"not UTF-8 text (bad byte 0x{bytes[at]:x2} at byte offset {at})");
    }
}
