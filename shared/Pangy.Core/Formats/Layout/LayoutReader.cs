using Pangy.Core.Formats.Compression;
using Pangy.Core.Formats.Layout.Bandage;
using Pangy.Core.Formats.Layout.OdgiLay;
using Pangy.Core.Formats.Layout.OdgiTsv;

namespace Pangy.Core.Formats.Layout;

/// <summary>
/// Opens a layout in any of the three formats, plain or gzip, deciding the format from the content as the reference
/// does (pangyplot-reference.md §2): the file name plays no part.
/// </summary>
public static class LayoutReader
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int SniffLength = 16;

    /// <summary>
    /// The format of a layout from its first bytes (after gzip is undone): any byte outside printable ASCII, tab, LF and
    /// CR means odgi's binary <c>.lay</c>; otherwise a <c>{</c> after leading whitespace means Bandage JSON; otherwise
    /// odgi TSV. The binary test comes first because a <c>.lay</c> opens with a raw double, whose first byte can be
    /// <c>{</c>. Only the first <see cref="SniffLength"/> bytes are looked at.
    /// </summary>
    public static LayoutFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length > SniffLength) head = head[..SniffLength];
        foreach (byte b in head)
            if (b is not ((>= 0x20 and < 0x7F) or (byte)'\t' or (byte)'\n' or (byte)'\r'))
                return LayoutFormat.OdgiBinary;
        head = head.TrimStart(" \t\n\r"u8);
        return !head.IsEmpty && head[0] == (byte)'{' ? LayoutFormat.BandageJson : LayoutFormat.OdgiTsv;
    }

    /// <summary>Reads a layout in any of the three formats from <paramref name="stream"/>, gzip or plain.</summary>
    /// <param name="stream">The layout bytes; read to the end, not disposed.</param>
    /// <param name="fileName">The name used in error messages and kept on the table.</param>
    /// <param name="cancellationToken">Checked between buffer refills.</param>
    /// <exception cref="BadInputException">The data is empty, corrupt gzip, or bad in its format (see each format's reader).</exception>
    public static LayoutTable Read(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var (magic, source) = InputStreams.Peek(stream, 2);
        // GzipDecompressStream, not GZipStream: the framework's stream ends silently at a truncation.
        Stream? gzip = InputStreams.IsGzip(magic) ? new GzipDecompressStream(source, fileName, leaveOpen: true) : null;
        try
        {
            var (head, content) = InputStreams.Peek(gzip ?? source, SniffLength);
            return Sniff(head) switch
            {
                LayoutFormat.OdgiBinary => ReadBinary(head, content, fileName, cancellationToken),
                LayoutFormat.BandageJson => BandageLayoutReader.Read(content, fileName, cancellationToken),
                _ => OdgiTsvReader.Read(content, fileName, cancellationToken),
            };
        }
        finally
        {
            gzip?.Dispose();
        }
    }

    private static LayoutTable ReadBinary(byte[] head, Stream content, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            return OdgiLayReader.Read(content, fileName, cancellationToken);
        }
        catch (BadInputException e) when (LooksLikeUtf8Text(head) && !head.AsSpan().StartsWith("\uFEFF"u8))
        {
            // The reference's rule sends any non-ASCII head to the binary reader; say why, for a UTF-8 TSV or JSON.
            throw new BadInputException(fileName, null,
                $"{e.Reason} — the file starts like UTF-8 text, but only ASCII in the first {SniffLength} bytes marks a TSV or JSON layout", e);
        }
    }

    private static bool LooksLikeUtf8Text(ReadOnlySpan<byte> head)
    {
        foreach (byte b in head)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r') || b == 0x7F) return false;
        // The head may end inside a multi-byte character.
        for (int cut = 0; cut <= 3 && cut <= head.Length; cut++)
            if (System.Text.Unicode.Utf8.IsValid(head[..^cut])) return true;
        return false;
    }

    /// <summary>Reads a layout file in any of the three formats, gzip or plain.</summary>
    /// <exception cref="BadInputException">See <see cref="Read"/>.</exception>
    public static LayoutTable ReadFile(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(fs, path, cancellationToken);
    }
}
